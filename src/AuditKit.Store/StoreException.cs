namespace AuditKit.Store;

/// <summary>
/// The store cannot be used as asked (a newer schema, not a store, unreachable). The message is meant for the
/// user as it is, names no case-file value, and starts with nothing but the sentence; <see cref="Code"/> is AK5xxx.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    /// <summary>The contract form: <c>error AK5001: message</c>.</summary>
    public string UserMessage => $"error {Code}: {Message}";
}
