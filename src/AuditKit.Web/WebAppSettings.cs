using AuditKit.Store;
using AuditKit.Templates;

namespace AuditKit.Web;

/// <summary>What the web app is started with: where its store is, the templates its figures are worked out by, its clock.</summary>
/// <param name="OpenStore">Opens the store (one per request; the store is not thread-safe).</param>
/// <param name="Templates">The audit templates by id; a template the store holds but that is not here shows no figures.</param>
/// <param name="Urls">Where Kestrel listens, such as <c>http://127.0.0.1:5080</c>.</param>
public sealed record WebAppSettings(Func<IAuditStore> OpenStore, IReadOnlyDictionary<string, AuditTemplate> Templates, string Urls)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The compiled templates the audit form evaluates and records by (as <c>run</c> does), by id; a template not here has no form.</summary>
    public IReadOnlyDictionary<string, Evaluation.CompiledRuleSet> RuleSets { get; init; } = new Dictionary<string, Evaluation.CompiledRuleSet>();

    /// <summary>The working days case actions are due by.</summary>
    public Calendar.IWorkingDayCalendar Calendar { get; init; } = AuditKit.Calendar.EnglandAndWalesCalendar.Default;

    /// <summary>A fixed date to work the figures and the actions' progress out on; null for today (UTC).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Signing in through the council's OpenID Connect provider; null for email and password only.</summary>
    public People.OpenIdSignInOptions? OpenIdConnect { get; init; }

    /// <summary>What the app believes of a reverse proxy in front of it.</summary>
    public Security.ProxyOptions Proxy { get; init; } = new();

    public DateOnly Today => AsOf ?? DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}
