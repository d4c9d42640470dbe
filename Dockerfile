# PaymentCore image: built with the SDK, run on the ASP.NET Core runtime image as a non-root
# user. Nothing secret is baked in: certificates, keys and credentials come from mounted files
# and environment variables at run time (see docs/operations.md, "Deployment"). The process writes nothing
# to its filesystem, so the container can run read-only (with a tmpfs on /tmp).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the files that decide packages only, so code edits reuse the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Adapters/Adapters.csproj src/Adapters/
COPY src/FraudRules/FraudRules.csproj src/FraudRules/
COPY src/PaymentCore/PaymentCore.csproj src/PaymentCore/
RUN dotnet restore src/PaymentCore/PaymentCore.csproj
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/PaymentCore/PaymentCore.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# No diagnostics IPC socket in /tmp; logs are JSON on stdout.
ENV ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_NOLOGO=1
# The image's unprivileged "app" user (UID 1654); ports above 1024 need no capability.
USER $APP_UID
EXPOSE 50051 8080
ENTRYPOINT ["dotnet", "PaymentCore.dll"]
