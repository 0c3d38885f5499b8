using AuditKit.Templates;

namespace AuditKit.Evaluation;

/// <summary>The names a <c>team_actions</c> rule can read, for one team and one criterion.</summary>
public sealed record TeamCriterionFacts(
    string Team,
    string Criterion,
    double? Compliance,
    double Target,
    Rag? Rag,
    int Applicable,
    int Audits);

/// <summary>The names a <c>service_actions</c> rule can read, for one criterion across the service.</summary>
public sealed record ServiceCriterionFacts(
    string Criterion,
    double? Compliance,
    double Target,
    Rag? Rag,
    int RedTeams,
    int AmberTeams,
    int Teams);

/// <summary>Decides whether a team or service action rule holds. A <c>when</c> whose value is missing never holds.</summary>
public interface IActionConditions
{
    bool TeamActionMatches(ActionRule rule, TeamCriterionFacts facts);

    bool ServiceActionMatches(ActionRule rule, ServiceCriterionFacts facts);
}
