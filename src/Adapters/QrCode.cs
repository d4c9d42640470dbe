namespace PaymentCore.Adapters;

/// <summary>A QR code the payer scans with a wallet or bank app on their phone to pay (WeChat Pay, Pix).</summary>
/// <param name="Data">The text the code encodes, for callers that draw it themselves (for Pix also the copy-paste code the payer can paste into a bank app).</param>
/// <param name="ImagePng">The gateway's PNG image of the code.</param>
/// <param name="ImageSvg">The gateway's SVG image of the code.</param>
public sealed record QrCode(string Data, Uri ImagePng, Uri ImageSvg);
