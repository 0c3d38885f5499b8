using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditKit.Calendar;
using AuditKit.Compliance;
using AuditKit.FollowUps;
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

    // Property names written for each of a run's case actions and grade disagreements (there may be millions), encoded once.
    private static readonly JsonEncodedText ActionsName = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ScopeName = JsonEncodedText.Encode("scope");
    private static readonly JsonEncodedText CaseScope = JsonEncodedText.Encode("case");
    private static readonly JsonEncodedText TeamName = JsonEncodedText.Encode("team");
    private static readonly JsonEncodedText CaseRefName = JsonEncodedText.Encode("case_ref");
    private static readonly JsonEncodedText CriterionName = JsonEncodedText.Encode("criterion");
    private static readonly JsonEncodedText ActionName = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText OwnerName = JsonEncodedText.Encode("owner");
    private static readonly JsonEncodedText DueName = JsonEncodedText.Encode("due");
    private static readonly JsonEncodedText EscalateToName = JsonEncodedText.Encode("escalate_to");
    private static readonly JsonEncodedText AuditIdName = JsonEncodedText.Encode("audit_id");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText AuditorGradeName = JsonEncodedText.Encode("auditor_grade");
    private static readonly JsonEncodedText DerivedGradeName = JsonEncodedText.Encode("derived_grade");

    public static void Write(RunReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();

        json.WriteStartObject("template");
        json.WriteString("id", report.Template.Id);
        json.WriteNumber("version", report.Template.Version);
        json.WriteString("title", report.Template.Title);
        json.WriteString("hash", report.Template.SourceHash);
        json.WriteEndObject();

        json.WriteString("as_of", IsoDate.Format(report.AsOf));
        if (report.Period is { } covered)
        {
            // Contract 4: a report made from the store states the periods it covers.
            json.WriteStartObject("period");
            json.WriteString("from", covered.From.Name);
            json.WriteString("to", covered.To.Name);
            json.WriteEndObject();
        }

        json.WriteStartObject("submissions");
        json.WriteNumber("read", report.Submissions.Read);
        json.WriteNumber("accepted", report.Submissions.Accepted);
        json.WriteNumber("rejected", report.Submissions.Rejected);
        WriteModerationRead(json, report);
        json.WriteEndObject();

        var scoring = report.Template.Scoring;
        json.WriteStartObject("scoring");
        WriteFraction(json, "partly_weight", scoring.PartlyWeight);
        WriteFraction(json, "amber_margin", scoring.AmberMargin);
        WriteFraction(json, "default_target", scoring.DefaultTarget);
        json.WriteEndObject();

        json.WritePropertyName("overall");
        WriteGroup(json, report.Compliance.Overall, nameKey: null);

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

        if (report.Agreement is { } agreement)
        {
            json.WritePropertyName("moderation");
            Moderation.AgreementJson.Write(json, agreement);
        }

        json.WriteStartArray(ActionsName);
        json.Flush();
        WriteCaseActions(json, output, report.Actions.Cases);
        foreach (var action in report.Actions.TeamAndService)
        {
            WriteAction(json, action);
            FlushWhenFull(json);
        }

        json.WriteEndArray();

        json.WriteStartArray("rejected");
        foreach (var row in report.Rejected)
        {
            WriteRejected(json, row);
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

        // An extension for reports from the store given a programme: its rounds' expected and done audits.
        if (report.Programme is { } programme)
        {
            json.WritePropertyName("programme");
            Programme.ProgrammeStatusJson.Write(json, programme);
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

    /// <summary>One rejected row as summary.json (and the console's JSON summary) writes it: source, row, audit id and reasons.</summary>
    /// <summary>
    /// <c>"moderation": {"read", "accepted", "rejected"}</c> inside the submissions object: how many rows read were moderation
    /// audits. Only when there were any, so that a run without them writes what it always wrote.
    /// </summary>
    public static void WriteModerationRead(Utf8JsonWriter json, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        if (report.ModerationRead is not { } moderation)
        {
            return;
        }

        json.WriteStartObject("moderation");
        json.WriteNumber("read", moderation.Read);
        json.WriteNumber("accepted", moderation.Accepted);
        json.WriteNumber("rejected", moderation.Rejected);
        json.WriteEndObject();
    }

    public static void WriteRejected(Utf8JsonWriter json, Submissions.RejectedRow row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(row);
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
    }

    /// <summary>One team's object as <c>summary.json</c>'s <c>teams</c> array holds it (the web app's team summary API).</summary>
    public static void WriteTeam(GroupSummary team, Stream output)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(output);
        using var json = new Utf8JsonWriter(output, WriterOptions);
        WriteGroup(json, team, "team");
    }

    private static void WriteGroup(Utf8JsonWriter json, GroupSummary group, string? nameKey)
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

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCriterion(Utf8JsonWriter json, CriterionStat stat)
    {
        json.WriteStartObject();
        json.WriteString("id", stat.Id);
        if (stat.Standard is { } standard)
        {
            json.WriteString("standard", standard);
        }

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

    // Case actions rendered per chunk, a few chunks ahead of the writing thread: about 2 MB of JSON each.
    private const int CaseActionChunk = 4096;
    private const int ChunksAhead = 3;

    /// <summary>
    /// A run's case actions, the same shape and bytes as <see cref="WriteAction"/> would write, without a record for
    /// each. They are most of the file (a run may raise millions), so chunks of them are rendered on the thread pool,
    /// each by a <see cref="Utf8JsonWriter"/> of its own at the depth the actions have here, while this thread writes
    /// the chunks before them in order.
    /// </summary>
    private static void WriteCaseActions(Utf8JsonWriter json, Stream output, CaseActions actions)
    {
        var chunks = (actions.Count + CaseActionChunk - 1) / CaseActionChunk;
        var rendering = new Queue<Task<(ArrayBufferWriter<byte> Buffer, int Start)>>();

        // A few buffers, used again and again: a fresh large buffer per chunk would leave the collector gigabytes to
        // clear at a million audits.
        var idle = new Stack<ArrayBufferWriter<byte>>();
        var next = 0;
        try
        {
            for (var written = 0; written < chunks; written++)
            {
                while (rendering.Count < ChunksAhead && next < chunks)
                {
                    var from = next++ * CaseActionChunk;
                    var buffer = idle.Count > 0 ? idle.Pop() : new ArrayBufferWriter<byte>(600 * CaseActionChunk);
                    rendering.Enqueue(Task.Run(() => RenderCaseActions(actions, from, Math.Min(actions.Count, from + CaseActionChunk), buffer)));
                }

                var (chunk, start) = rendering.Dequeue().GetAwaiter().GetResult();
                if (written == 0)
                {
                    // Through the writer, so that it knows the array has elements and puts a comma before the next one.
                    json.WriteRawValue(chunk.WrittenSpan[start..], skipInputValidation: true);
                    json.Flush();
                }
                else
                {
                    output.WriteByte((byte)',');
                    output.Write(chunk.WrittenSpan[start..]);
                }

                chunk.ResetWrittenCount();
                idle.Push(chunk);
            }
        }
        finally
        {
            // When writing failed, the chunks already started finish before the actions they read are let go.
            foreach (var task in rendering)
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }
        }
    }

    /// <summary>
    /// Case actions <paramref name="from"/> to <paramref name="to"/> - 1 as elements of summary.json's actions array,
    /// into <paramref name="buffer"/> from the position returned.
    /// </summary>
    private static (ArrayBufferWriter<byte> Buffer, int Start) RenderCaseActions(CaseActions actions, int from, int to, ArrayBufferWriter<byte> buffer)
    {
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteStartArray(ActionsName);
        json.Flush();
        var start = buffer.WrittenCount;
        Span<char> id = stackalloc char[ActionId.Length];
        Span<char> due = stackalloc char[10];
        var text = new char[256];
        for (var i = from; i < to; i++)
        {
            var action = actions[i];
            action.Id.Format(id);
            IsoDate.Format(action.Due, due);
            json.WriteStartObject();
            json.WriteString(IdName, id);
            json.WriteString(ScopeName, CaseScope);
            json.WriteString(TeamName, action.Team);
            json.WriteString(CaseRefName, action.CaseRef);
            WriteNullableString(json, CriterionName, action.Criterion);
            json.WriteString(ActionName, text.AsSpan(0, action.FillText(ref text)));
            json.WriteString(OwnerName, action.Owner);
            json.WriteString(DueName, due);
            WriteNullableString(json, EscalateToName, action.EscalateTo);
            json.WriteString(AuditIdName, action.AuditId);
            json.WriteString(RuleName, action.RuleKey);
            json.WriteEndObject();
        }

        json.Flush();
        return (buffer, start);
    }

    private static void WriteAction(Utf8JsonWriter json, FollowUpAction action)
    {
        json.WriteStartObject();
        json.WriteString(IdName, action.Id);
        json.WriteString(ScopeName, ActionScopes.Name(action.Scope));
        WriteNullableString(json, TeamName, action.Team);
        WriteNullableString(json, CaseRefName, action.CaseRef);
        WriteNullableString(json, CriterionName, action.Criterion);
        json.WriteString(ActionName, action.Text);
        json.WriteString(OwnerName, action.Owner);
        json.WriteString(DueName, IsoDate.Format(action.Due));
        WriteNullableString(json, EscalateToName, action.EscalateTo);
        WriteNullableString(json, AuditIdName, action.AuditId);
        json.WriteString(RuleName, action.RuleKey);
        if (action.Period is not null)
        {
            // An extension of contract 3: a team or service action planned from one period's audits in the store.
            json.WriteString("period", action.Period);
        }

        if (action.Explanation is not null)
        {
            // An extension of contract 3: an escalation's rules and the values they read.
            json.WriteString("explanation", action.Explanation);
        }

        json.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter json, JsonEncodedText name, string? value)
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

    internal static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
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

    /// <summary>Rounded to six decimal places; adding 0.0 turns a -0 (a kappa a hair below zero, rounded) into 0.</summary>
    internal static void WriteFraction(Utf8JsonWriter json, string name, double value) =>
        json.WriteNumber(name, Math.Round(value, 6, MidpointRounding.AwayFromZero) + 0.0);

    internal static void WriteNullableFraction(Utf8JsonWriter json, string name, double? value)
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

}
