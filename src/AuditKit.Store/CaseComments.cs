using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditKit.Store;

/// <summary>
/// The auditor's comments of one revision as the <c>submissions.comments</c> column holds them: a JSON object from
/// criterion id to comment, in the order of the template version's criteria, with only the criteria that have one;
/// null when there are none.
/// </summary>
internal static class CaseComments
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Encode(StoredTemplate template, ImmutableArray<string?> comments)
    {
        if (comments.IsDefaultOrEmpty || comments.All(c => c is null))
        {
            return null;
        }

        if (comments.Length != template.Criteria.Length)
        {
            throw new ArgumentException($"{comments.Length} comments for the {template.Criteria.Length} criteria of template '{template.Id}'.", nameof(comments));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            for (var i = 0; i < comments.Length; i++)
            {
                if (comments[i] is { } comment)
                {
                    json.WriteString(template.Criteria[i].Id, comment);
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
