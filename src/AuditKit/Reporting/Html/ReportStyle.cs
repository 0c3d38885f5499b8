namespace AuditKit.Reporting.Html;

/// <summary>
/// The report's only style sheet, inline. A4 portrait pages, with the wide tables (criterion x team, month and service)
/// on A4 landscape pages of their own; those tables are split by columns so that each part fits the page's width
/// (<see cref="ReportPage.ColumnsPerTable"/>). Colours print (print-color-adjust), and every colour has words beside it.
/// </summary>
internal static class ReportStyle
{
    /// <summary>Printable widths in CSS pixels (96 to the inch) of the pages below: A4 less 12 mm each side.</summary>
    public const double PortraitWidthPx = 186 / 25.4 * 96;

    public const double LandscapeWidthPx = 273 / 25.4 * 96;

    public const string Css = """
        @page { size: A4 portrait; margin: 14mm 12mm; }
        @page wide { size: A4 landscape; margin: 12mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; padding: 1.5em; max-width: 72em; font: 15px/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #1b1b1b; background: #fff; }
        h1 { font-size: 1.75em; margin: 0 0 .2em; }
        h2 { font-size: 1.3em; margin: 2em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #505a5f; break-after: avoid; }
        h3 { font-size: 1.05em; margin: 1.2em 0 .4em; break-after: avoid; }
        p, ul.plain, ol { max-width: 52em; }
        a { color: #1d4f91; }
        .subtitle { font-size: 1.15em; margin: 0 0 .6em; color: #383f43; }
        .meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .6em 0 1em; }
        .meta dt { font-weight: 700; }
        .meta dd { margin: 0; }
        nav ol { columns: 2; column-gap: 2em; padding-left: 1.4em; }
        .headline { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .6em; list-style: none; padding: 0; margin: .8em 0 1em; }
        .headline li { border: 1px solid #8a8a8a; border-left: 6px solid #505a5f; padding: .45em .7em; break-inside: avoid; }
        .headline .value { display: block; font-size: 1.4em; font-weight: 700; }
        .headline .detail { display: block; color: #3d3d3d; font-size: .85em; }
        table { border-collapse: collapse; table-layout: fixed; margin: .4em 0 1em; font-size: 13px; width: 100%; }
        caption { text-align: left; font-weight: 700; padding: .2em 0 .4em; break-after: avoid; }
        th, td { border: 1px solid #8a8a8a; padding: .25em .4em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        thead th, thead td { background: #e8eaeb; }
        th[scope="row"] { font-weight: normal; }
        .num { text-align: right; }
        td.num { overflow-wrap: normal; }
        tr { break-inside: avoid; }
        .crit { font-weight: 700; }
        tr.total th, tr.total td { font-weight: 700; }
        .small { font-size: .85em; color: #3d3d3d; }
        code { font-size: .9em; }
        .note { color: #3d3d3d; }
        .urgent { font-size: 12px; }
        .matrix { font-size: 11.5px; line-height: 1.3; }
        .matrix tbody { break-inside: avoid; }
        .matrix td { text-align: center; }
        .matrix td > span.n { display: block; }
        .matrix .n { font-size: 10.5px; color: #333; }
        .matrix th, .matrix td { padding: .25em .3em; }
        .matrix thead th { font-weight: 600; font-size: .95em; }
        .matrix thead th.group { text-align: center; }
        th.sect { background: #f3f2f1; font-weight: 700; }
        .rag-Green { background: #d2ebd8; }
        .rag-Amber { background: #ffe8a8; }
        .rag-Red { background: #f6cfd3; }
        .rag-none { background: #fff; color: #3d3d3d; }
        .prov { font-style: italic; background-image: repeating-linear-gradient(135deg, transparent 0 4px, rgba(0, 0, 0, .14) 4px 6px); }
        .mark { font-style: normal; font-weight: 700; }
        .vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .legend { font-size: .9em; margin: .2em 0 .6em; max-width: none; }
        .legend span { display: inline-block; margin-right: 1em; }
        .chip { display: inline-block; width: .9em; height: .9em; border: 1px solid #555; vertical-align: -.1em; margin-right: .3em; }
        .chart { margin: 0 0 1em; break-inside: avoid; }
        .chart figcaption { font-weight: 700; margin-bottom: .15em; }
        .bars { font-size: 12px; margin: 0; }
        .bars th, .bars td { padding: 0 .35em; line-height: 1.25; }
        .bars svg { display: block; width: 100%; height: 11px; margin: 1px 0; }
        .track { fill: #f3f3f3; stroke: #8a8a8a; vector-effect: non-scaling-stroke; }
        .bar-Green { fill: #2e7d32; }
        .bar-Amber { fill: #c47f00; }
        .bar-Red { fill: #b3261e; }
        .bar-p { fill-opacity: .4; }
        .ci { stroke: #1b1b1b; stroke-width: 1px; vector-effect: non-scaling-stroke; }
        .target { stroke: #000; stroke-width: 2px; vector-effect: non-scaling-stroke; }
        .scroll { overflow-x: auto; }
        section.wide { page: wide; }
        @media print {
            body { padding: 0; max-width: none; font-size: 12.5px; }
            h2 { margin-top: 1.2em; }
            section.wide h2 { margin-top: 0; }
            a { color: inherit; text-decoration: none; }
            .scroll { overflow: visible; }
            table { font-size: 11.5px; }
            .matrix { font-size: 10.5px; }
            .matrix .n { font-size: 9.5px; }
            .bars { font-size: 10.5px; }
            .urgent { font-size: 10.5px; }
            .headline .value { font-size: 1.25em; }
        }
        """;
}
