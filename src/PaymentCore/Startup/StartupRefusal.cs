using Microsoft.Extensions.Options;

namespace PaymentCore.Startup;

/// <summary>
/// A refusal to serve with the configuration given: an option that does not validate, a value the
/// binder cannot convert, a catalog or fraud-rule file that is missing or faulty, an open bind
/// without caller credentials. Program prints it as one line on stderr and exits 1; any other
/// exception at startup is a bug and still crashes with its stack trace.
/// </summary>
/// <remarks>
/// The checks keep throwing the exception types their callers and tests catch
/// (<see cref="InvalidOperationException"/>, the catalog's own); <see cref="Mark{TException}"/>
/// only tags them. <see cref="OptionsValidationException"/> is a refusal by definition. This folder
/// references no other, so every feature's startup check may use it.
/// </remarks>
public static class StartupRefusal
{
    private const string DataKey = "PaymentCore.StartupRefusal";

    /// <summary>Tags <paramref name="exception"/> as a refusal to start and returns it.</summary>
    public static TException Mark<TException>(TException exception)
        where TException : Exception
    {
        exception.Data[DataKey] = true;
        return exception;
    }

    /// <summary>
    /// Runs the options validation the host would run first when it starts (ValidateOnStart), so that
    /// what it throws is known to be the configuration's fault, a binder's conversion failure
    /// ("Failed to convert configuration value 'abc' at 'Idempotency:Lease'") included.
    /// </summary>
    public static void ValidateConfiguration(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e)
        {
            foreach (var failure in e is AggregateException aggregate ? aggregate.InnerExceptions : [e])
            {
                Mark(failure);
            }

            throw;
        }
    }

    /// <summary>The refusal as one line naming the file, section or field; null when <paramref name="exception"/> is not one.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Select(Describe).ToList() is { Count: > 0 } lines && lines.All(line => line is not null)
            ? string.Join("; ", lines)
            : null,
        OptionsValidationException options => OneLine(options.Message),
        _ when exception.Data[DataKey] is true => OneLine(exception.Message),
        _ => null,
    };

    /// <summary>"Catalog x is invalid:\n  - a\n  - b" → "Catalog x is invalid: a; b".</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1
            ? string.Join(string.Empty, lines)
            : $"{lines[0]} {string.Join("; ", lines.Skip(1).Select(line => line.TrimStart('-', ' ')))}";
    }
}
