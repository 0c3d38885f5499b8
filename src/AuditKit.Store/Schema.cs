namespace AuditKit.Store;

/// <summary>
/// The store's schema as numbered migrations, applied on open, in order, in one transaction. Dates are ISO
/// <c>yyyy-MM-dd</c> text in both providers, so that the same SQL compares and groups them.
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        // 1: templates, submissions with revisions, findings, actions and their history.
        new("""
        CREATE TABLE templates (
            template_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            source_hash TEXT NOT NULL,
            title TEXT NOT NULL,
            partly_weight {real} NOT NULL,
            first_recorded TEXT NOT NULL,
            PRIMARY KEY (template_id, version, source_hash));
        CREATE TABLE template_criteria (
            template_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            source_hash TEXT NOT NULL,
            position INTEGER NOT NULL,
            criterion_id TEXT NOT NULL,
            target {real} NOT NULL,
            critical INTEGER NOT NULL,
            PRIMARY KEY (template_id, version, source_hash, criterion_id));
        CREATE TABLE submissions (
            submission_id {autoid},
            template_id TEXT NOT NULL,
            audit_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            is_current INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            template_version INTEGER NOT NULL,
            template_hash TEXT NOT NULL,
            audit_date TEXT NOT NULL,
            auditor TEXT NOT NULL,
            case_ref TEXT NOT NULL,
            case_type TEXT NOT NULL,
            team TEXT NOT NULL,
            service TEXT,
            practitioner TEXT,
            auditor_grade TEXT,
            grade TEXT,
            score {real},
            recorded_as_of TEXT NOT NULL,
            UNIQUE (template_id, audit_id, revision));
        CREATE INDEX ix_submissions_current ON submissions (template_id, is_current, audit_id);
        CREATE TABLE findings (
            submission_id BIGINT NOT NULL,
            criterion_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            PRIMARY KEY (submission_id, criterion_id));
        CREATE TABLE actions (
            action_id TEXT NOT NULL PRIMARY KEY,
            template_id TEXT NOT NULL,
            scope TEXT NOT NULL,
            team TEXT,
            case_ref TEXT,
            audit_id TEXT,
            criterion TEXT,
            text TEXT NOT NULL,
            owner TEXT NOT NULL,
            due TEXT NOT NULL,
            escalate_to TEXT,
            rule_key TEXT NOT NULL,
            compliance {real},
            target {real},
            status TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            last_raised TEXT NOT NULL);
        CREATE INDEX ix_actions_status ON actions (status, due);
        CREATE TABLE action_history (
            history_id {autoid},
            action_id TEXT NOT NULL,
            at TEXT NOT NULL,
            change TEXT NOT NULL,
            status_from TEXT,
            status_to TEXT NOT NULL,
            note TEXT,
            changed_by TEXT);
        CREATE INDEX ix_action_history_action ON action_history (action_id, history_id);
        """),

        // 2: a submission's outcomes as one compact column (one code per criterion, in the order of its template
        // version's criteria), instead of one findings row per criterion; existing findings are folded in.
        new(
            "ALTER TABLE submissions ADD COLUMN outcomes TEXT",
            OutcomeCodes.FoldFindings,
            "DROP TABLE findings"),

        // 3: action ids of 32 hex digits instead of 12, so that two actions never share one; the old id is kept.
        new(ActionIdMigration.AddColumn, ActionIdMigration.Lengthen, ActionIdMigration.AddIndex),

        // 4: team and service actions planned per period from the store's audits carry the period; the audits of a period
        // and the case actions of an audit are found by index.
        new("""
        ALTER TABLE actions ADD COLUMN period TEXT;
        CREATE INDEX ix_actions_period ON actions (template_id, period);
        CREATE INDEX ix_actions_audit ON actions (template_id, audit_id);
        CREATE INDEX ix_submissions_date ON submissions (template_id, is_current, audit_date);
        """),

        // 5: the auditor's comments on the criteria (<criterion>_comment columns) of each revision, as a JSON object
        // from criterion id to comment (CaseComments); null when there are none, and for revisions recorded before.
        new("ALTER TABLE submissions ADD COLUMN comments TEXT"),

        // 6: the standard a criterion of a stored template measures (its `standard:`, such as seen_alone), which a report
        // across templates rolls up; null when it has none, and for criteria stored before.
        new("ALTER TABLE template_criteria ADD COLUMN standard TEXT"),

        // 7: a moderation audit (a second audit of a case by another auditor) names the audit_id of the first audit it
        // moderates; null for first audits, and for every revision recorded before. Moderation audits count in no figure.
        new("""
        ALTER TABLE submissions ADD COLUMN moderates TEXT;
        CREATE INDEX ix_submissions_moderates ON submissions (template_id, is_current, moderates);
        """),

        // 8: escalations and re-audits: each planned period's team x criterion and service x criterion figures (team '' for
        // the service), read by later periods' escalations (periods Red in a row, the previous period's RAG); the working
        // days within which a case action asks for a re-audit; later audits of a case found by index.
        new("""
        CREATE TABLE period_figures (
            template_id TEXT NOT NULL,
            period TEXT NOT NULL,
            team TEXT NOT NULL,
            criterion TEXT NOT NULL,
            compliance {real},
            rag TEXT,
            applicable INTEGER NOT NULL,
            PRIMARY KEY (template_id, period, team, criterion));
        ALTER TABLE actions ADD COLUMN reaudit_days INTEGER;
        CREATE INDEX ix_submissions_case ON submissions (template_id, case_ref, is_current, audit_date);
        """),

        // 9: samples drawn from caseloads (auditkit sample): how each was drawn, and its cases with their auditors.
        new("""
        CREATE TABLE samples (
            sample_id TEXT NOT NULL PRIMARY KEY,
            as_of TEXT NOT NULL,
            template_id TEXT,
            seed BIGINT NOT NULL,
            size TEXT NOT NULL,
            by_case_type INTEGER NOT NULL,
            reserve INTEGER NOT NULL,
            excluded_within TEXT,
            source TEXT NOT NULL,
            cases INTEGER NOT NULL);
        CREATE INDEX ix_samples_as_of ON samples (as_of);
        CREATE TABLE sample_cases (
            sample_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            case_ref TEXT NOT NULL,
            team TEXT NOT NULL,
            case_type TEXT,
            auditor TEXT,
            reserve INTEGER NOT NULL,
            PRIMARY KEY (sample_id, position));
        """),

        // 10: the team and service actions of a period (and those recorded without one) found by an index that holds them
        // alone, not the millions of case actions of the template; the store's team names found by index.
        new("""
        CREATE INDEX ix_actions_period_plans ON actions (template_id, period) WHERE scope <> 'case';
        CREATE INDEX ix_submissions_team ON submissions (team, submission_id);
        """),

        // 11: the case actions that ask for a re-audit, found by case reference when a period's audits are looked at as
        // re-audits (an index of those few actions alone).
        new("CREATE INDEX ix_actions_reaudit ON actions (case_ref) WHERE reaudit_days IS NOT NULL"),

        // 12: the web app's people (signed in by email and a hashed password, with a role and the team or service it is
        // scoped to) and the data protection keys that sign its cookies, kept here so that every instance reads them.
        new("""
        CREATE TABLE users (
            email TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            team TEXT,
            service TEXT,
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL,
            failed_sign_ins INTEGER NOT NULL,
            locked_until TEXT,
            created TEXT NOT NULL);
        CREATE TABLE data_protection_keys (
            name TEXT NOT NULL PRIMARY KEY,
            xml TEXT NOT NULL);
        """),

        // 13: the web app's access log (who viewed, downloaded or changed which object, signed in or failed to, when, by
        // web page, API or command line; the case reference of an object about a case, and no other case-file value),
        // found by time, person and case; and its API tokens, kept as SHA-256 hashes only.
        new("""
        CREATE TABLE access_log (
            entry_id {autoid},
            at TEXT NOT NULL,
            person TEXT NOT NULL,
            event TEXT NOT NULL,
            object_kind TEXT,
            object_id TEXT,
            case_ref TEXT,
            detail TEXT,
            via TEXT NOT NULL);
        CREATE INDEX ix_access_log_at ON access_log (at);
        CREATE INDEX ix_access_log_person ON access_log (person, at);
        CREATE INDEX ix_access_log_case ON access_log (LOWER(case_ref), at);
        CREATE TABLE api_tokens (
            token_id TEXT NOT NULL PRIMARY KEY,
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            expires TEXT,
            revoked TEXT);
        """),

        // 14: one team's audits of a run of months (the web app's team dashboard) found by index, not by reading every
        // audit of the template in those months and keeping the team's.
        new("CREATE INDEX ix_submissions_team_date ON submissions (template_id, team, is_current, audit_date)"),
    ];

    public static int Latest => Migrations.Count;

    public const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY)
        """;
}

/// <summary>One schema step: SQL, then optionally code that moves data, then more SQL.</summary>
internal sealed record Migration(
    string Sql,
    Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction>? MoveData = null,
    string? After = null);
