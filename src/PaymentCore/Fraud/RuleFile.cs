using PaymentCore.FraudRules;
using PaymentCore.PaymentMethods;
using PaymentCore.Startup;

namespace PaymentCore.Fraud;

/// <summary>
/// A rules file and the stamp (last-write time and size) it had when last read, to tell when it
/// has been edited since.
/// </summary>
/// <param name="setting">The configuration key that named the file, for startup errors.</param>
internal sealed class RuleFile(string path, string setting)
{
    private FileStamp? _readStamp;

    public string Path => path;

    public bool HasChangedSinceLastRead => Stamp() != _readStamp;

    /// <summary>Reads and parses the file; a file that is missing, unreadable or faulty stops startup, saying which and where.</summary>
    public RuleSet ReadAtStartup()
    {
        try
        {
            return Read();
        }
        catch (RuleSetException e)
        {
            throw StartupRefusal.Mark(new InvalidOperationException($"Fraud rules file {path} ({setting}) is invalid: {e.Message}", e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StartupRefusal.Mark(new InvalidOperationException($"Fraud rules file {path} ({setting}) cannot be read: {e.Message}", e));
        }
    }

    /// <exception cref="RuleSetException">The file does not parse.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public RuleSet Read()
    {
        // Stamped before reading: an edit that lands during the read changes the stamp again, so the next poll reads it.
        _readStamp = Stamp();
        // :payment_method: compares with the methods this host takes, and nothing else.
        return RuleSet.Parse(File.ReadAllText(path), PaymentMethodRegistry.Default.RuleVocabulary);
    }

    private FileStamp? Stamp()
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : null;
    }

    private readonly record struct FileStamp(DateTime LastWriteUtc, long Length);
}
