namespace Tianmu.Devices.Camera;

/// <summary>What a snapshot says about its camera.</summary>
public enum CameraCondition
{
    /// <summary>正常 — the view matches the baseline.</summary>
    Ok,

    /// <summary>遮挡 — dark or uniform: covered, capped, painted, or the light cut.</summary>
    Obstructed,

    /// <summary>模糊 — detail lost: lens smeared, sprayed, fogged or defocused.</summary>
    Blurred,

    /// <summary>移位 — a different view: camera turned, tilted, panned, or the view partly blocked.</summary>
    Moved,
}

/// <summary>
/// The verdict on one snapshot with the numbers behind it, so an incident record can show why.
/// <see cref="Scene"/> is null when the picture was already too dark, flat or soft to compare views.
/// </summary>
public sealed record IntegrityFinding(CameraCondition Condition, FrameMeasures Measures, FrameMeasures Baseline, SceneMatch? Scene, string Reason)
{
    public bool IsOk => Condition == CameraCondition.Ok;
}

/// <summary>
/// Judges a snapshot against the camera's baseline (设备完好性: suspected tampering — moved, obstructed;
/// BRIEF capability 3). The checks run in order and the first that fails decides, because each later
/// one needs the earlier to have passed: a covered lens also has no detail and matches no scene, and a
/// blurred one loses the edges the scene match compares — calling those "moved" would send the officer
/// to look for the wrong thing.
/// </summary>
public static class CameraIntegrity
{
    public static IntegrityFinding Assess(CameraBaseline baseline, GreyFrame frame, IntegrityThresholds? thresholds = null)
    {
        var t = thresholds ?? IntegrityThresholds.Default;
        if (!baseline.Frame.SameSizeAs(frame))
        {
            throw new ArgumentException(
                $"The snapshot is {frame.Width}×{frame.Height} but the baseline {baseline.Frame.Width}×{baseline.Frame.Height}; decode at the baseline's size.", nameof(frame));
        }

        var m = FrameMeasures.Of(frame);
        var b = baseline.Measures;
        if (m.Brightness < t.MinBrightness)
        {
            return new(CameraCondition.Obstructed, m, b, null, $"画面过暗（平均亮度 {m.Brightness:F0}，低于 {t.MinBrightness:F0}），疑似镜头被遮挡或照明被切断。");
        }

        if (m.Contrast < t.MinContrast)
        {
            return new(CameraCondition.Obstructed, m, b, null, $"画面几乎为单一颜色（对比度 {m.Contrast:F1}，低于 {t.MinContrast:F1}），疑似镜头被遮挡或覆盖。");
        }

        var blanked = BlankedShare(baseline.Frame, frame, t);
        if (blanked >= t.MaxBlankedShare)
        {
            return new(CameraCondition.Obstructed, m, b, null, $"画面约 {blanked:P0} 原有内容的区域变为空白，疑似镜头或视野被部分遮挡。");
        }

        if (m.Sharpness < b.Sharpness * t.MinSharpnessRatio)
        {
            return new(CameraCondition.Blurred, m, b, null, $"画面清晰度降至基准的 {m.Sharpness / b.Sharpness:P0}（低于 {t.MinSharpnessRatio:P0}），疑似镜头被涂抹、起雾或失焦。");
        }

        var scene = SceneSimilarity.Compare(baseline.Frame, frame, t.ShakePixels(frame.Width));
        if (scene.Score < t.MinSceneMatch)
        {
            return new(CameraCondition.Moved, m, b, scene, $"画面与基准画面不符（匹配度 {scene.Score:F2}，低于 {t.MinSceneMatch:F2}），疑似摄像头被移动、转向或视野被部分遮挡。");
        }

        return new(CameraCondition.Ok, m, b, scene, "画面正常，与基准画面一致。");
    }

    /// <summary>Grid used by <see cref="BlankedShare"/>: 16 parts, each a sixteenth of the view.</summary>
    internal const int Grid = 4;

    /// <summary>
    /// The share of the baseline's textured parts that are blank now. A cover over part of the lens
    /// leaves the rest of the view matching the baseline, so the scene match alone would miss it.
    /// </summary>
    internal static double BlankedShare(GreyFrame baseline, GreyFrame frame, IntegrityThresholds t)
    {
        var before = FrameMeasures.CellContrasts(baseline, Grid);
        var now = FrameMeasures.CellContrasts(frame, Grid);
        int textured = 0, blanked = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] >= 2 * t.MinContrast)
            {
                textured++;
                blanked += now[i] < t.MinContrast ? 1 : 0;
            }
        }

        return textured == 0 ? 0 : (double)blanked / textured;
    }

    /// <summary>Dark or uniform: nothing of the scene can be seen.</summary>
    internal static bool IsObstructed(FrameMeasures m, IntegrityThresholds t) =>
        m.Brightness < t.MinBrightness || m.Contrast < t.MinContrast;

    public static string ToChinese(this CameraCondition condition) => condition switch
    {
        CameraCondition.Ok => "正常",
        CameraCondition.Obstructed => "遮挡",
        CameraCondition.Blurred => "模糊",
        CameraCondition.Moved => "移位",
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };
}
