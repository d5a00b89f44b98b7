namespace Tianmu.Devices.Camera;

/// <summary>
/// When a snapshot counts as tampering with a camera (设备完好性 — suspected tampering: moved, obstructed;
/// BRIEF capability 3, S6/Z23 for the entity's liability). Data, not code: an agency may tune them per
/// device kind, and a finding records the values it was judged by. Defaults were chosen on the scenes in
/// the tests (textured scene, lighting changes, blur, covers, pans) at the decoder's 160×120.
/// </summary>
public sealed record IntegrityThresholds
{
    public static IntegrityThresholds Default { get; } = new();

    /// <summary>
    /// Mean luminance below this (of 255) is a dark picture: lens cap, hand, tape, lights cut. A dim
    /// room or an infrared night picture stays well above it.
    /// </summary>
    public double MinBrightness { get; init; } = 20;

    /// <summary>
    /// Standard deviation of luminance below this is a uniform picture: paper, cloth, paint, a wall
    /// right in front of the lens. Any real scene has more spread; JPEG noise alone has less.
    /// </summary>
    public double MinContrast { get; init; } = 8;

    /// <summary>
    /// Share of the view's textured parts that may turn blank before the camera counts as partly covered
    /// (tape over a corner, a box or towel in front). The view is judged in a 4×4 grid; a part is textured
    /// when its contrast in the baseline is at least twice <see cref="MinContrast"/> — so dusk, which
    /// halves contrast at most, cannot blank it — and blank when it falls below <see cref="MinContrast"/>.
    /// </summary>
    public double MaxBlankedShare { get; init; } = 0.25;

    /// <summary>
    /// Sharpness below this fraction of the baseline's is a blurred picture: lens smeared with grease or
    /// sprayed, fogged, or focus turned. Relative to the baseline because scenes differ in how much fine
    /// detail they have; noise and lighting move it by far less than half.
    /// </summary>
    public double MinSharpnessRatio { get; init; } = 0.5;

    /// <summary>
    /// Scene match with the baseline (gradient correlation, 1 same view, 0 unrelated) below this is a
    /// moved camera: turned, tilted, panned or pointed elsewhere — or a view partly blocked.
    /// </summary>
    public double MinSceneMatch { get; init; } = 0.5;

    /// <summary>
    /// The view may shift by this fraction of the frame width (and as many pixels vertically) before it
    /// counts as moved: mounts shake in the wind and settle, a real pan moves much further.
    /// </summary>
    public double ShakeTolerance { get; init; } = 0.02;

    /// <summary>The allowed shake in pixels of a frame of the given width, at least one.</summary>
    public int ShakePixels(int width) => Math.Max(1, (int)Math.Ceiling(width * ShakeTolerance));
}
