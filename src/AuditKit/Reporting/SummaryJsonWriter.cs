using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Compliance;
using AuditKit.FollowUps;
using AuditKit.Runs;
using AuditKit.Templates;

namespace AuditKit.Reporting;

/// <summary>
/// Writes <c>summary.json</c> (contract 3): the same report always gives the same bytes. Fractions are
/// rounded to six decimal places; keys are snake_case in a fixed order.
/// </summary>
public static class SummaryJsonWriter
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const int FlushThreshold = 64 * 1024;

    // Property names written tens of thousands of times (each grade disagreement), escaped once.
    private static readonly JsonEncodedText AuditIdName = JsonEncodedText.Encode("audit_id");
    private static readonly JsonEncodedText CaseRefName = JsonEncodedText.Encode("case_ref");
    private static readonly JsonEncodedText TeamName = JsonEncodedText.Encode("team");
    private static readonly JsonEncodedText AuditorGradeName = JsonEncodedText.Encode("auditor_grade");
    private static readonly JsonEncodedText DerivedGradeName = JsonEncodedText.Encode("derived_grade");

    // Case actions rendered per chunk when writing in parallel: about 0.5 MB of JSON, so that a renderer's 1 MB buffer
    // never has to grow (a bigger buffer is a fresh large object, and fresh memory is slow to touch the first time).
    private const int CaseActionChunk = 1024;

    public static void Write(RunReport report, Stream output) => Write(report, output, inPieces: true);

    /// <param name="inPieces">
    /// Whether the grade disagreements are written from pieces joined once (as is fastest; a run's case actions always
    /// are); false writes them one value at a time through the JSON writer, for tests that compare the two.
    /// </param>
    internal static void Write(RunReport report, Stream output, bool inPieces)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        // Case actions are most of the file: their first chunks are rendered while the summaries before them are written.
        var compact = report.Actions as CompactActionList;
        using var caseActions = compact is { CaseCount: > 0 } ? new CaseActionChunks(compact) : null;
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();

        json.WriteStartObject("template");
        json.WriteString("id", report.Template.Id);
        json.WriteNumber("version", report.Template.Version);
        json.WriteString("title", report.Template.Title);
        json.WriteString("hash", report.Template.SourceHash);
        json.WriteEndObject();

        json.WriteString("as_of", Iso(report.AsOf));

        json.WriteStartObject("submissions");
        json.WriteNumber("read", report.Submissions.Read);
        json.WriteNumber("accepted", report.Submissions.Accepted);
        json.WriteNumber("rejected", report.Submissions.Rejected);
        json.WriteEndObject();

        var scoring = report.Template.Scoring;
        json.WriteStartObject("scoring");
        WriteFraction(json, "partly_weight", scoring.PartlyWeight);
        WriteFraction(json, "amber_margin", scoring.AmberMargin);
        WriteFraction(json, "default_target", scoring.DefaultTarget);
        json.WriteEndObject();

        json.WritePropertyName("overall");
        WriteGroup(json, report.Compliance.Overall, nameKey: null, inPieces ? output : null);

        json.WriteStartArray("teams");
        foreach (var team in report.Compliance.Teams)
        {
            WriteGroup(json, team, nameKey: "team");
        }

        json.WriteEndArray();

        json.WriteStartArray("services");
        foreach (var service in report.Compliance.Services)
        {
            WriteGroup(json, service, nameKey: "service");
        }

        json.WriteEndArray();

        json.WriteStartArray("periods");
        foreach (var period in report.Compliance.Periods)
        {
            WriteGroup(json, period, nameKey: "period");
        }

        json.WriteEndArray();

        json.WriteStartArray("actions");
        var others = report.Actions;
        if (caseActions is not null)
        {
            caseActions.WriteTo(json, output);
            others = [.. CompactActionList.WithoutCaseActions(compact!)];
        }

        foreach (var action in others)
        {
            WriteAction(json, action);
            FlushWhenFull(json);
        }

        json.WriteEndArray();

        json.WriteStartArray("rejected");
        foreach (var row in report.Rejected)
        {
            json.WriteStartObject();
            json.WriteString("source", row.Source);
            json.WriteNumber("row", row.Row);
            WriteNullableString(json, "audit_id", row.AuditId);
            json.WriteStartArray("reasons");
            foreach (var reason in row.Reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            FlushWhenFull(json);
        }

        json.WriteEndArray();

        json.WriteStartObject("data_quality");
        WriteFraction(json, "threshold", report.DataQuality.Threshold);
        json.WriteStartArray("fields");
        foreach (var field in report.DataQuality.Fields)
        {
            json.WriteStartObject();
            json.WriteString("field", field.Field);
            json.WriteNumber("blank", field.Blank);
            json.WriteNumber("total", field.Total);
            WriteFraction(json, "share", field.Share);
            json.WriteBoolean("expected", field.Expected);
            json.WriteBoolean("over_threshold", report.DataQuality.IsOverThreshold(field));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        // An extension of contract 3: what run and check say about whole files (a misspelt column, odd dates, a team
        // spelt two ways), written only when there is something to say.
        if (!report.SourceDiagnostics.IsDefaultOrEmpty)
        {
            json.WriteStartArray("warnings");
            foreach (var diagnostic in report.SourceDiagnostics)
            {
                json.WriteStartObject();
                json.WriteString("source", diagnostic.Location.File);
                json.WriteString("code", diagnostic.Code);
                json.WriteString("severity", diagnostic.IsError ? "error" : "warning");
                json.WriteString("message", diagnostic.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Utf8JsonWriter keeps everything in memory until flushed: hand full buffers to the stream so that a run with
    /// millions of actions does not hold the whole file in memory. The bytes written are the same.
    /// </summary>
    private static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushThreshold)
        {
            json.Flush();
        }
    }

    /// <param name="disagreementsTo">
    /// Where the overall summary's grade disagreements are written by <see cref="GradeDisagreementsJson"/> (the stream
    /// under <paramref name="json"/>); null writes them through <paramref name="json"/> one by one.
    /// </param>
    private static void WriteGroup(Utf8JsonWriter json, GroupSummary group, string? nameKey, Stream? disagreementsTo = null)
    {
        json.WriteStartObject();
        if (nameKey is not null)
        {
            json.WriteString(nameKey, group.Name);
            if (nameKey == "team")
            {
                WriteNullableString(json, "service", group.Service);
            }
        }

        json.WriteNumber("audits", group.Audits);
        json.WriteStartObject("grades");
        foreach (var (grade, count) in group.Grades)
        {
            json.WriteNumber(grade, count);
        }

        json.WriteEndObject();

        json.WriteStartArray("criteria");
        foreach (var stat in group.Criteria)
        {
            WriteCriterion(json, stat);
        }

        json.WriteEndArray();

        var agreement = group.Agreement;
        json.WriteStartObject("grade_agreement");
        json.WriteNumber("compared", agreement.Compared);
        json.WriteNumber("agreed", agreement.Agreed);
        WriteNullableFraction(json, "rate", agreement.Rate);
        if (nameKey is null)
        {
            json.WriteStartArray("disagreements");
            if (disagreementsTo is null)
            {
                foreach (var d in agreement.Disagreements)
                {
                    json.WriteStartObject();
                    json.WriteString(AuditIdName, d.AuditId);
                    json.WriteString(CaseRefName, d.CaseRef);
                    json.WriteString(TeamName, d.Team);
                    json.WriteString(AuditorGradeName, d.AuditorGrade);
                    json.WriteString(DerivedGradeName, d.DerivedGrade);
                    json.WriteEndObject();
                    FlushWhenFull(json);
                }
            }
            else
            {
                GradeDisagreementsJson.WriteElements(json, disagreementsTo, agreement.Disagreements);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter json, CriterionStat stat)
    {
        json.WriteStartObject();
        json.WriteString("id", stat.Id);
        json.WriteNumber("met", stat.Counts.Met);
        json.WriteNumber("partly", stat.Counts.Partly);
        json.WriteNumber("not_met", stat.Counts.NotMet);
        json.WriteNumber("not_applicable", stat.Counts.NotApplicable);
        json.WriteNumber("missing", stat.Counts.Missing);
        WriteNullableFraction(json, "compliance", stat.Compliance);
        WriteNullableFraction(json, "ci_low", stat.CiLow);
        WriteNullableFraction(json, "ci_high", stat.CiHigh);
        WriteFraction(json, "target", stat.Target);
        WriteNullableString(json, "rag", stat.Rag?.ToString());
        json.WriteEndObject();
    }

    /// <summary>
    /// A run's case actions as JSON, the same bytes as <see cref="WriteAction"/> would write. With millions of actions,
    /// building their texts is most of a run's writing time, so chunks of them are rendered on the thread pool, a few
    /// ahead, from when this is made, while the writing thread writes what comes before them and then the chunks in
    /// order.
    /// </summary>
    private sealed class CaseActionChunks : IDisposable
    {
        private readonly CompactActionList _actions;
        private readonly int _ahead = Environment.ProcessorCount + 1;
        private readonly Queue<Task<CaseActionJsonRenderer>> _rendering = new();
        private readonly Stack<CaseActionJsonRenderer> _idle = new();
        private readonly CaseActionJsonRenderer _first = new();
        private int _next = 1;

        public CaseActionChunks(CompactActionList actions)
        {
            _actions = actions;
            _first.Render(actions, 0, 1);
            RenderAhead();
        }

        /// <summary>
        /// Writes the actions. The first goes through <paramref name="json"/> as a raw value (so that it knows the array
        /// has an element and puts the comma before whatever follows); the rest go straight to <paramref name="output"/>,
        /// each chunk after a comma.
        /// </summary>
        public void WriteTo(Utf8JsonWriter json, Stream output)
        {
            json.WriteRawValue(_first.Rendered, skipInputValidation: true);
            json.Flush();
            while (_rendering.Count > 0)
            {
                var renderer = _rendering.Dequeue().GetAwaiter().GetResult();
                output.WriteByte((byte)',');
                output.Write(renderer.Rendered);
                _idle.Push(renderer);
                RenderAhead();
            }
        }

        /// <summary>When writing failed, lets the chunks already started finish before the actions they read are let go.</summary>
        public void Dispose()
        {
            foreach (var task in _rendering)
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }

            _rendering.Clear();
        }

        private void RenderAhead()
        {
            var count = _actions.CaseCount;
            while (_rendering.Count < _ahead && _next < count)
            {
                var renderer = _idle.Count > 0 ? _idle.Pop() : new CaseActionJsonRenderer();
                var (from, to) = (_next, Math.Min(count, _next + CaseActionChunk));
                _next = to;
                _rendering.Enqueue(Task.Run(() =>
                {
                    renderer.Render(_actions, from, to);
                    return renderer;
                }));
            }
        }
    }

    private static void WriteAction(Utf8JsonWriter json, FollowUpAction action)
    {
        json.WriteStartObject();
        json.WriteString("id", action.Id);
        json.WriteString("scope", ScopeName(action.Scope));
        WriteNullableString(json, "team", action.Team);
        WriteNullableString(json, "case_ref", action.CaseRef);
        WriteNullableString(json, "criterion", action.Criterion);
        json.WriteString("action", action.Text);
        json.WriteString("owner", action.Owner);
        json.WriteString("due", Iso(action.Due));
        WriteNullableString(json, "escalate_to", action.EscalateTo);
        WriteNullableString(json, "audit_id", action.AuditId);
        json.WriteString("rule", action.RuleKey);
        json.WriteEndObject();
    }

    public static string ScopeName(ActionScope scope) => scope switch
    {
        ActionScope.Case => "case",
        ActionScope.Team => "team",
        ActionScope.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteFraction(Utf8JsonWriter json, string name, double value) =>
        json.WriteNumber(name, Math.Round(value, 6, MidpointRounding.AwayFromZero));

    private static void WriteNullableFraction(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            WriteFraction(json, name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
