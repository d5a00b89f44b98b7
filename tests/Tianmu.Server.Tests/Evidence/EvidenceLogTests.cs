using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tianmu.Evidence.Log;
using Tianmu.Persistence;
using Tianmu.Server.Evidence;
using Tianmu.Server.Hosting;
using Tianmu.Server.Tests.Support;
using static Tianmu.Server.Tests.Evidence.LogSteps;

namespace Tianmu.Server.Tests.Evidence;

/// <summary>Audit records reach the log through the trigger; heads, proofs and re-checks through the API (SHA-256, ECDSA P-256).</summary>
public sealed class EvidenceLogTests(LogApp app) : IClassFixture<LogApp>
{
    [Fact]
    public async Task AuditRecordsReachTheLogAndTheirProofsVerifyAgainstSignedHeads()
    {
        var ids = await AddAuditRecordsAsync(app, 25);
        await WaitForEmptyQueueAsync(app);
        var first = await PublishAsync(app);
        await AssertSignedAsync(app, first);
        Assert.Equal("sha256", first.GetProperty("hashAlgorithm").GetString());
        Assert.Equal("ecdsa-p256", first.GetProperty("signatureAlgorithm").GetString());

        var firstSize = first.GetProperty("treeSize").GetInt64();
        await using (var db = app.Db())
        {
            // Every audit record up to ours (the demo's too) is a leaf inside the head; later ones (token issuance…) may follow.
            var last = ids.Max();
            var audits = await db.AuditRecords.Where(a => a.Id <= last).Select(a => a.Id.ToString()).ToListAsync();
            var logged = await db.LogLeaves.Where(l => l.Kind == "audit" && l.LeafIndex < firstSize).Select(l => l.Ref).ToListAsync();
            Assert.Empty(audits.Except(logged));
        }

        var hasher = LogHasher.Sha256;
        foreach (var id in ids.Take(5))
        {
            var proof = await GetAsync(app, $"/api/v1/evidence-log/proofs/inclusion?kind=audit&ref={id}");
            await using var db = app.Db();
            var record = await db.AuditRecords.SingleAsync(a => a.Id == id);
            var leafHash = hasher.HashLeaf(AuditLeafSource.Canonical(record));
            Assert.Equal(leafHash, Bytes(proof, "leafHash"));
            Assert.Equal(firstSize, proof.GetProperty("treeSize").GetInt64());
            Assert.True(MerkleProofs.VerifyInclusion(hasher, proof.GetProperty("leafIndex").GetInt64(), firstSize, leafHash, ProofPath(proof), Bytes(first, "rootHash")));
        }

        // The log grows; the later head is consistent with the earlier one.
        var later = await AddAuditRecordsAsync(app, 40);
        await WaitForEmptyQueueAsync(app);
        var second = await PublishAsync(app);
        await AssertSignedAsync(app, second);
        var secondSize = second.GetProperty("treeSize").GetInt64();
        Assert.True(secondSize >= firstSize + 40);
        var consistency = await GetAsync(app, $"/api/v1/evidence-log/proofs/consistency?first={firstSize}&second={secondSize}");
        Assert.True(MerkleProofs.VerifyConsistency(hasher, firstSize, secondSize, ProofPath(consistency), Bytes(first, "rootHash"), Bytes(second, "rootHash")));

        // By leaf index, against an explicit earlier size: the earlier head's root.
        var byIndex = await GetAsync(app, $"/api/v1/evidence-log/proofs/inclusion?index=0&size={firstSize}");
        Assert.True(MerkleProofs.VerifyInclusion(hasher, 0, firstSize, Bytes(byIndex, "leafHash"), ProofPath(byIndex), Bytes(first, "rootHash")));
        Assert.Equal(first.GetProperty("id").GetInt64(), byIndex.GetProperty("treeHead").GetProperty("id").GetInt64());

        var latest = await GetAsync(app, "/api/v1/evidence-log/tree-heads/latest");
        Assert.Equal(second.GetProperty("id").GetInt64(), latest.GetProperty("id").GetInt64());
        var list = await GetAsync(app, "/api/v1/evidence-log/tree-heads?pageSize=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetInt64() == first.GetProperty("id").GetInt64());
        Assert.NotEmpty(later);
    }

    [Fact]
    public async Task ProofRequestsOutsideTheLogAreRefusedInChinese()
    {
        var staff = await app.ClientForAsync("jn.officer1");
        await Problem.ReadAsync(await staff.GetAsync("/api/v1/evidence-log/proofs/inclusion?kind=audit&ref=999999999"), HttpStatusCode.NotFound);
        await Problem.ReadAsync(await staff.GetAsync("/api/v1/evidence-log/proofs/consistency?first=1&second=99999999"), HttpStatusCode.UnprocessableEntity);
        await Problem.ReadAsync(await staff.GetAsync("/api/v1/evidence-log/proofs/consistency?first=5&second=2"), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await staff.GetAsync("/api/v1/evidence-log/proofs/inclusion"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnAuditRowChangedBehindTheLogsBackIsReportedByTheRecheck()
    {
        var id = (await AddAuditRecordsAsync(app, 1, "test.tampered")).Single();
        await WaitForEmptyQueueAsync(app);
        var before = await GetAsync(app, $"/api/v1/evidence-log/leaves/check?kind=audit&ref={id}");
        Assert.True(before.GetProperty("matches").GetBoolean());

        await using (var db = app.Db())
        {
            // An attacker with database access lifts the append-only protection and edits the record.
            var postgres = db.Database.IsNpgsql();
            await db.Database.ExecuteSqlRawAsync(postgres
                ? "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete"
                : "DROP TRIGGER audit_records_no_update");
            await db.Database.ExecuteSqlAsync($"UPDATE audit_records SET changes = '{{}}' WHERE id = {id}");
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE audit_records ENABLE TRIGGER audit_records_no_update_delete");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END;");
            }
        }

        var after = await GetAsync(app, $"/api/v1/evidence-log/leaves/check?kind=audit&ref={id}");
        Assert.True(after.GetProperty("rowFound").GetBoolean());
        Assert.False(after.GetProperty("matches").GetBoolean());
        Assert.Equal(before.GetProperty("storedLeafHash").GetString(), after.GetProperty("storedLeafHash").GetString());
        Assert.NotEqual(after.GetProperty("storedLeafHash").GetString(), after.GetProperty("currentLeafHash").GetString());
    }

    [Fact]
    public async Task LeavesAndTreeHeadsCannotBeChangedOrRemoved()
    {
        await AddAuditRecordsAsync(app, 1);
        await WaitForEmptyQueueAsync(app);
        await PublishAsync(app);
        await using var db = app.Db();
        foreach (var sql in new[]
                 {
                     "UPDATE log_leaves SET ref = 'x' WHERE leaf_index = 0",
                     "DELETE FROM log_leaves WHERE leaf_index = 0",
                     "UPDATE log_tree_heads SET tree_size = 0",
                     "DELETE FROM log_tree_heads",
                 })
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheHashAlgorithmOfALogWithLeavesCannotBeChanged()
    {
        await AddAuditRecordsAsync(app, 1);
        await WaitForEmptyQueueAsync(app);
        var sp = app.Services;
        var sm3 = new EvidenceLogOptions { Hash = "sm3" };
        var other = new EvidenceLog(sp.GetRequiredService<IDbContextFactory<TianmuDb>>(), sm3, sp.GetRequiredService<TianmuSettings>(),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EvidenceLog>.Instance);
        var problem = await Assert.ThrowsAsync<ConfigurationProblem>(() => other.OpenAsync(CancellationToken.None));
        Assert.Contains("sha256", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Tianmu:EvidenceLog:Hash", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARestartedNodeServesTheSameLog()
    {
        await AddAuditRecordsAsync(app, 3);
        await WaitForEmptyQueueAsync(app);
        var head = await PublishAsync(app);
        var size = head.GetProperty("treeSize").GetInt64();
        var restarted = TianmuApp.NodeOn(app.Database);
        await ((IAsyncLifetime)restarted).InitializeAsync();
        try
        {
            var root = await restarted.Services.GetRequiredService<EvidenceLog>().ReadAsync(t => t.Root(size), CancellationToken.None);
            Assert.Equal(Bytes(head, "rootHash"), root);
            var proof = await GetAsync(restarted, $"/api/v1/evidence-log/proofs/inclusion?index={size - 1}&size={size}");
            Assert.True(MerkleProofs.VerifyInclusion(LogHasher.Sha256, size - 1, size, Bytes(proof, "leafHash"), ProofPath(proof), root));
            await AssertSignedAsync(restarted, head); // the earlier key is still listed (retired when the new node brought its own)
        }
        finally
        {
            await ((IAsyncLifetime)restarted).DisposeAsync();
        }
    }
}

/// <summary>The 国密 configuration: SM3 leaves and nodes, SM2-signed heads.</summary>
public sealed class Sm2EvidenceLogTests(Sm2LogApp app) : IClassFixture<Sm2LogApp>
{
    [Fact]
    public async Task HeadsAreSm2SignedAndProofsUseSm3()
    {
        var ids = await AddAuditRecordsAsync(app, 10);
        await WaitForEmptyQueueAsync(app);
        var head = await PublishAsync(app);
        Assert.Equal("sm3", head.GetProperty("hashAlgorithm").GetString());
        Assert.Equal("sm2", head.GetProperty("signatureAlgorithm").GetString());
        await AssertSignedAsync(app, head);
        var size = head.GetProperty("treeSize").GetInt64();
        var proof = await GetAsync(app, $"/api/v1/evidence-log/proofs/inclusion?kind=audit&ref={ids[3]}");
        Assert.True(MerkleProofs.VerifyInclusion(LogHasher.Sm3, proof.GetProperty("leafIndex").GetInt64(), size, Bytes(proof, "leafHash"), ProofPath(proof), Bytes(head, "rootHash")));
        Assert.False(MerkleProofs.VerifyInclusion(LogHasher.Sha256, proof.GetProperty("leafIndex").GetInt64(), size, Bytes(proof, "leafHash"), ProofPath(proof), Bytes(head, "rootHash")));
        var keyFile = await File.ReadAllTextAsync(Path.Combine(app.DataDir, "keys", "evidence-log.key"));
        Assert.Contains("algorithm: sm2", keyFile, StringComparison.Ordinal);
    }
}
