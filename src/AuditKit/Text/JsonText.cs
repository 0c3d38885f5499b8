using System.Text;
using System.Text.Json;

namespace AuditKit.Text;

/// <summary>Writes one indented JSON document to a string, with <c>\n</c> line breaks on every platform.</summary>
public static class JsonText
{
    public static string Indented(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
