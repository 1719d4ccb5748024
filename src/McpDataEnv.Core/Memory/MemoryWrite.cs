namespace McpDataEnv.Core.Memory;

/// <summary>Context every store write carries: who, from where, when, and the write budget to enforce.</summary>
/// <param name="WritesPerMinute">Rate limit per principal, checked inside the write transaction; 0 or less disables it.</param>
public sealed record MemoryWrite(MemoryScope Scope, MemoryProvenance Provenance, DateTimeOffset At, int WritesPerMinute);
