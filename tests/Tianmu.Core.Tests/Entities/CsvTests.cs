using Tianmu.Common;

namespace Tianmu.Tests.Entities;

public sealed class CsvTests
{
    [Fact]
    public void ReadsQuotedFieldsCommasNewlinesAndABom()
    {
        var rows = Csv.Parse("\uFEFF名称,地址\r\n\"泉城游泳馆, 东馆\",\"历下区\"\"泉城路\"\"\n88号\"\r\n\r\n简单,地址\n");
        Assert.Equal(3, rows.Count);
        Assert.Equal(["名称", "地址"], rows[0]);
        Assert.Equal(["泉城游泳馆, 东馆", "历下区\"泉城路\"\n88号"], rows[1]);
        Assert.Equal(["简单", "地址"], rows[2]);
    }

    [Fact]
    public void KeepsEmptyFieldsAndALastLineWithoutNewline()
    {
        var rows = Csv.Parse("a,,c\nd,e,");
        Assert.Equal(["a", "", "c"], rows[0]);
        Assert.Equal(["d", "e", ""], rows[1]);
    }
}
