using System.Collections.Immutable;
using AuditKit.Expressions;
using AuditKit.Submissions;
using AuditKit.Templates;

namespace AuditKit.Tests.Support;

/// <summary>Builds accepted submissions in code: answers and facts by id.</summary>
internal sealed class SubmissionBuilder(AuditTemplate template)
{
    private readonly Dictionary<string, string?> _answers = [];
    private readonly Dictionary<string, Value> _facts = [];
    private string _auditId = "AUD-1";
    private string _team = "Team A";
    private string? _service;
    private string _caseRef = "C-1";
    private string _caseType = "CP";
    private string? _overallGrade;
    private DateOnly _auditDate = new(2026, 11, 3);

    public SubmissionBuilder Id(string auditId, string? caseRef = null)
    {
        _auditId = auditId;
        _caseRef = caseRef ?? _caseRef;
        return this;
    }

    public SubmissionBuilder Team(string team, string? service = null)
    {
        _team = team;
        _service = service;
        return this;
    }

    public SubmissionBuilder CaseType(string caseType)
    {
        _caseType = caseType;
        return this;
    }

    public SubmissionBuilder Date(DateOnly date)
    {
        _auditDate = date;
        return this;
    }

    public SubmissionBuilder OverallGrade(string? grade)
    {
        _overallGrade = grade;
        return this;
    }

    public SubmissionBuilder Answer(string criterionId, string? answer)
    {
        _answers[criterionId] = answer;
        return this;
    }

    /// <summary>Every criterion answered the same way unless answered otherwise.</summary>
    public SubmissionBuilder AnswerAll(string answer)
    {
        foreach (var criterion in template.Criteria)
        {
            _answers.TryAdd(criterion.Id, answer);
        }

        return this;
    }

    public SubmissionBuilder Fact(string factId, Value value)
    {
        _facts[factId] = value;
        return this;
    }

    public Submission Build() => new()
    {
        AuditId = _auditId,
        AuditDate = _auditDate,
        Auditor = "Auditor One",
        CaseRef = _caseRef,
        CaseType = _caseType,
        Team = _team,
        Service = _service,
        OverallGrade = _overallGrade,
        Answers = [.. template.Criteria.Select(c => _answers.GetValueOrDefault(c.Id))],
        Comments = [.. template.Criteria.Select(_ => (string?)null)],
        Facts = [.. template.Facts.Select(f => _facts.GetValueOrDefault(f.Id))],
        Source = new RowRef("test.csv", 2),
    };
}
