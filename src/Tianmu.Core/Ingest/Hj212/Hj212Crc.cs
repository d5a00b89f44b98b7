namespace Tianmu.Ingest.Hj212;

/// <summary>
/// The CRC of HJ 212-2017 over the data segment: register 0xFFFF; for each byte, reg = (reg &gt;&gt; 8) XOR byte,
/// then eight times shift right, XOR 0xA001 when the bit shifted out was 1. Written as 4 upper-case hex digits.
/// </summary>
public static class Hj212Crc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var reg = 0xFFFF;
        foreach (var b in data)
        {
            reg = (reg >> 8) ^ b;
            for (var i = 0; i < 8; i++)
            {
                var carry = reg & 1;
                reg >>= 1;
                if (carry != 0)
                {
                    reg ^= 0xA001;
                }
            }
        }

        return (ushort)reg;
    }
}
