namespace McpDataEnv.Core.Demo;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-known PRNG whose output is fully specified,
/// so the demo data is identical on every machine and runtime (unlike <see cref="System.Random"/>).
/// </summary>
internal struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for an independent stream, e.g. one per order, derived by hashing.</summary>
    public static SplitMix64 ForStream(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + Gamma)));

    public ulong NextUInt64() => Mix(_state += Gamma);

    /// <summary>Uniform in [0, bound) by multiply-high; the bias is below 2^-40 for our bounds.</summary>
    public long NextLong(long bound) => (long)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    public int Next(int bound) => (int)NextLong(bound);

    /// <summary>Uniform in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
