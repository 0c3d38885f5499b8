using System.Drawing;
using AuditKit.Templates;
using OfficeOpenXml;
using OfficeOpenXml.Style;

namespace AuditKit.Excel;

/// <summary>The colours and formats the workbooks share.</summary>
internal static class ExcelLook
{
    public const string DateFormat = "dd/mm/yyyy";
    /// <summary>
    /// One decimal place, the figure the console and report.html show (<see cref="ActionText.Percent"/>): 79.7% is never
    /// shown as 80% beside an 80% target. Excel writes a whole number with its .0 (80.0%).
    /// </summary>
    public const string PercentFormat = "0.0%";
    public const string TextFormat = "@";
    public const int MaxRow = 1_048_576;

    public static readonly Color HeadingFill = Color.FromArgb(255, 221, 235, 247);
    public static readonly Color GroupFill = Color.FromArgb(255, 189, 215, 238);
    public static readonly Color BorderColour = Color.FromArgb(255, 191, 191, 191);
    public static readonly Color MutedText = Color.FromArgb(255, 128, 128, 128);

    /// <summary>The line between one team's columns and the next.</summary>
    public static readonly Color GroupBorder = Color.FromArgb(255, 89, 89, 89);

    // Excel's own good / neutral / bad cell styles, so the colours read as people expect.
    private static readonly Color GreenFill = Color.FromArgb(255, 198, 239, 206);
    private static readonly Color GreenText = Color.FromArgb(255, 0, 97, 0);
    private static readonly Color AmberFill = Color.FromArgb(255, 255, 235, 156);
    private static readonly Color AmberText = Color.FromArgb(255, 156, 87, 0);
    private static readonly Color RedFill = Color.FromArgb(255, 255, 199, 206);
    private static readonly Color RedText = Color.FromArgb(255, 156, 0, 6);

    /// <summary>A percentage format that also shows the RAG word, so colour is never the only signal.</summary>
    public static string PercentWithRag(Rag rag) => $"{PercentFormat}\" {rag}\"";

    public static void Fill(ExcelRange range, Rag rag)
    {
        var (fill, text) = rag switch
        {
            Rag.Green => (GreenFill, GreenText),
            Rag.Amber => (AmberFill, AmberText),
            _ => (RedFill, RedText),
        };
        range.Style.Fill.PatternType = ExcelFillStyle.Solid;
        range.Style.Fill.BackgroundColor.SetColor(fill);
        range.Style.Font.Color.SetColor(text);
    }

    public static void Fill(ExcelRange range, Color colour)
    {
        range.Style.Fill.PatternType = ExcelFillStyle.Solid;
        range.Style.Fill.BackgroundColor.SetColor(colour);
    }

    public static void ThinBorders(ExcelRange range)
    {
        var border = range.Style.Border;
        border.Top.Style = border.Bottom.Style = border.Left.Style = border.Right.Style = ExcelBorderStyle.Thin;
        border.Top.Color.SetColor(BorderColour);
        border.Bottom.Color.SetColor(BorderColour);
        border.Left.Color.SetColor(BorderColour);
        border.Right.Color.SetColor(BorderColour);
    }

    public static string ColumnLetter(int column) => ExcelCellAddress.GetColumnLetter(column);
}
