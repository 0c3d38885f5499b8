using AuditKit.Excel;
using AuditKit.Reporting;
using BenchmarkDotNet.Attributes;

namespace AuditKit.Benchmarks.Excel;

/// <summary>Writing compliance.xlsx for 10,000 audits with 20 criteria (the goal is well under 10 seconds).</summary>
[MemoryDiagnoser]
public class ComplianceWorkbookBenchmarks
{
    private RunReport _report = null!; // set in GlobalSetup before any benchmark runs

    [GlobalSetup]
    public void Setup() => _report = WorkbookBenchmarkData.Create();

    [Benchmark]
    public long WriteComplianceWorkbook()
    {
        using var output = new MemoryStream();
        new ComplianceWorkbookWriter().Write(_report, output);
        return output.Length;
    }
}
