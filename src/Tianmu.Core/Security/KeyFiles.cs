namespace Tianmu.Security;

/// <summary>Key files under {DataDir}/keys: private to the server's user, written once even when nodes start together.</summary>
public static class KeyFiles
{
    /// <summary>
    /// Writes <paramref name="content"/> to a private (0600) temporary file and moves it to <paramref name="path"/>
    /// unless another node got there first — then everyone uses that one.
    /// </summary>
    public static void CreateOnce(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(tmp, options))
        {
            file.Write(content);
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(tmp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(tmp);
        }
    }
}
