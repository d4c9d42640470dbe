namespace PaymentCore.Adapters;

/// <summary>A QR code the payer scans with a wallet app on their phone to pay (WeChat Pay).</summary>
/// <param name="Data">The text the code encodes, for callers that draw it themselves.</param>
/// <param name="ImagePng">The gateway's PNG image of the code.</param>
/// <param name="ImageSvg">The gateway's SVG image of the code.</param>
public sealed record QrCode(string Data, Uri ImagePng, Uri ImageSvg);
