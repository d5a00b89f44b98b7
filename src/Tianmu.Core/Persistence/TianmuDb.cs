using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tianmu.Agencies;
using Tianmu.Audit;
using Tianmu.Calendar;
using Tianmu.Cases;
using Tianmu.Catalog;
using Tianmu.Clues;
using Tianmu.Common;
using Tianmu.Credit;
using Tianmu.Devices;
using Tianmu.Documents;
using Tianmu.Entities;
using Tianmu.Evidence;
using Tianmu.Evidence.Log;
using Tianmu.Identity;
using Tianmu.Ingest;
using Tianmu.Ingest.AiEvents;
using Tianmu.Inspections;
using Tianmu.Notifications;
using Tianmu.Payments;
using Tianmu.SelfReports;
using Tianmu.Warnings;

namespace Tianmu.Persistence;

/// <summary>
/// The one EF Core model, shared by SQLite and PostgreSQL. The schema itself is created by the
/// versioned SQL scripts in Persistence/Migrations; <c>ModelMatchesSchema</c> tests keep them in step.
/// </summary>
public sealed class TianmuDb(DbContextOptions<TianmuDb> options) : DbContext(options)
{
    /// <summary>Who changes what through this context, as its audit records name them.</summary>
    public AuditScope AuditScope { get; init; } = new();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<RegulatedEntity> Entities => Set<RegulatedEntity>();

    public DbSet<Licence> Licences => Set<Licence>();

    public DbSet<EntityUser> EntityUsers => Set<EntityUser>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<DeviceParameter> DeviceParameters => Set<DeviceParameter>();

    public DbSet<DeviceStatusChange> DeviceStatusChanges => Set<DeviceStatusChange>();

    public DbSet<CalibrationCertificate> Calibrations => Set<CalibrationCertificate>();

    public DbSet<DeviceIncident> DeviceIncidents => Set<DeviceIncident>();

    public DbSet<MaintenanceEntry> MaintenanceEntries => Set<MaintenanceEntry>();

    public DbSet<CatalogItem> CatalogItems => Set<CatalogItem>();

    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();

    public DbSet<SelectionDraw> SelectionDraws => Set<SelectionDraw>();

    public DbSet<Reading> Readings => Set<Reading>();

    public DbSet<AiEvent> AiEvents => Set<AiEvent>();

    public DbSet<AiEventMedia> AiEventMedia => Set<AiEventMedia>();

    public DbSet<CameraBaselineRecord> CameraBaselines => Set<CameraBaselineRecord>();

    public DbSet<SelfReportForm> SelfReportForms => Set<SelfReportForm>();

    public DbSet<SelfReport> SelfReports => Set<SelfReport>();

    public DbSet<OverdueReport> OverdueReports => Set<OverdueReport>();

    public DbSet<PlatformClient> PlatformClients => Set<PlatformClient>();

    public DbSet<ProvincialClue> ProvincialClues => Set<ProvincialClue>();

    public DbSet<Warning> Warnings => Set<Warning>();

    public DbSet<WarningResponse> WarningResponses => Set<WarningResponse>();
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<PhoneCall> PhoneCalls => Set<PhoneCall>();

    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();

    public DbSet<EvidenceReview> EvidenceReviews => Set<EvidenceReview>();

    public DbSet<EvidenceAccess> EvidenceAccess => Set<EvidenceAccess>();

    public DbSet<EvidenceHold> EvidenceHolds => Set<EvidenceHold>();

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<Accountability.CaseDeadlineAlert> CaseDeadlineAlerts => Set<Accountability.CaseDeadlineAlert>();

    public DbSet<CaseMember> CaseMembers => Set<CaseMember>();

    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();

    public DbSet<CaseEvidence> CaseEvidence => Set<CaseEvidence>();

    public DbSet<CaseStatement> CaseStatements => Set<CaseStatement>();

    public DbSet<CaseRemedy> CaseRemedies => Set<CaseRemedy>();

    public DbSet<Tianmu.Cases.Files.CaseFile> CaseFiles => Set<Tianmu.Cases.Files.CaseFile>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentTemplate> DocumentTemplates => Set<DocumentTemplate>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<LogQueueEntry> LogQueue => Set<LogQueueEntry>();

    public DbSet<LogLeaf> LogLeaves => Set<LogLeaf>();

    public DbSet<LogTreeHeadRecord> LogTreeHeads => Set<LogTreeHeadRecord>();

    public DbSet<LogKey> LogKeys => Set<LogKey>();

    public DbSet<LogParameters> LogParameters => Set<LogParameters>();

    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PaymentNotice> PaymentNotices => Set<PaymentNotice>();

    public DbSet<CreditGrade> CreditGrades => Set<CreditGrade>();

    public DbSet<KeySupervisionEntry> KeySupervisionEntries => Set<KeySupervisionEntry>();

    public DbSet<CreditRepair> CreditRepairs => Set<CreditRepair>();

    public DbSet<CreditRun> CreditRuns => Set<CreditRun>();

    public DbSet<HygieneGrading> HygieneGradings => Set<HygieneGrading>();

    public DbSet<AgencyCreditModel> AgencyCreditModels => Set<AgencyCreditModel>();

    public DbSet<InspectionPlan> InspectionPlans => Set<InspectionPlan>();

    public DbSet<InspectionPlanItem> InspectionPlanItems => Set<InspectionPlanItem>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<OfficerConflict> OfficerConflicts => Set<OfficerConflict>();

    public DbSet<InspectionDraw> InspectionDraws => Set<InspectionDraw>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentNonce> PaymentNonces => Set<PaymentNonce>();
    public DbSet<Service.ServiceAddressConfirmation> ServiceAddressConfirmations => Set<Service.ServiceAddressConfirmation>();

    public DbSet<Service.ServiceRecord> ServiceRecords => Set<Service.ServiceRecord>();

    public DbSet<Service.DecisionPublication> DecisionPublications => Set<Service.DecisionPublication>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no instant type: UTC ticks keep ordering and comparison in SQL exact.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Agency>(e =>
        {
            e.ToTable("agencies");
            e.Property(a => a.Level).HasConversion<string>();
            e.HasIndex(a => a.DivisionCode).IsUnique();
            e.HasIndex(a => a.Path);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.ParentId);
        });
        model.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.NormalizedUserName).IsUnique();
            e.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            e.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId);
            e.Navigation(u => u.Roles).HasField("roles");
        });
        model.Entity<UserRole>(e =>
        {
            e.ToTable("user_roles");
            e.HasKey(r => new { r.UserId, r.Role });
            e.Property(r => r.Role).HasConversion<string>();
        });
        model.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId);
        });
        model.Entity<RegulatedEntity>(e =>
        {
            e.ToTable("entities");
            e.Property(x => x.Category).HasConversion<string>();
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.IdNumberHash).IsUnique();
            e.HasMany(x => x.Licences).WithOne().HasForeignKey(l => l.EntityId);
            e.Navigation(x => x.Licences).HasField("licences");
        });
        model.Entity<Licence>(e => e.ToTable("licences"));
        model.Entity<EntityUser>(e =>
        {
            e.ToTable("entity_users");
            e.HasKey(x => new { x.EntityId, x.UserId });
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(x => x.EntityId);
            e.HasOne<User>().WithMany().HasForeignKey(x => x.UserId);
        });
        model.Entity<Device>(e =>
        {
            e.ToTable("devices");
            e.Property(d => d.Type).HasConversion<string>();
            e.Property(d => d.Protocol).HasConversion<string>();
            e.Property(d => d.Mobility).HasConversion<string>();
            e.Property(d => d.PlaceType).HasConversion<string>();
            e.Property(d => d.Funding).HasConversion<string>();
            e.Property(d => d.Status).HasConversion<string>().IsConcurrencyToken(); // concurrent steps: one wins, the other gets a conflict
            e.HasOne(d => d.Entity).WithMany().HasForeignKey(d => d.EntityId);
            e.HasMany(d => d.Parameters).WithOne().HasForeignKey(p => p.DeviceId);
            e.Navigation(d => d.Parameters).HasField("parameters");
        });
        model.Entity<DeviceParameter>(e => e.ToTable("device_parameters"));
        model.Entity<DeviceStatusChange>(e =>
        {
            e.ToTable("device_status_changes");
            e.Property(c => c.FromStatus).HasConversion<string>();
            e.Property(c => c.ToStatus).HasConversion<string>();
            e.HasOne<Device>().WithMany().HasForeignKey(c => c.DeviceId);
        });
        model.Entity<CalibrationCertificate>(e =>
        {
            e.ToTable("calibration_certificates");
            e.HasOne<Device>().WithMany().HasForeignKey(c => c.DeviceId);
        });
        model.Entity<DeviceIncident>(e =>
        {
            e.ToTable("device_incidents");
            e.Property(i => i.Kind).HasConversion<string>();
            e.Property(i => i.Liability).HasConversion<string>();
            e.HasOne<Device>().WithMany().HasForeignKey(i => i.DeviceId);
        });
        model.Entity<MaintenanceEntry>(e =>
        {
            e.ToTable("maintenance_entries");
            e.HasOne<Device>().WithMany().HasForeignKey(m => m.DeviceId);
        });
        model.Entity<CatalogItem>(e =>
        {
            e.ToTable("catalog_items");
            e.HasIndex(i => i.Code).IsUnique();
            e.HasOne(i => i.Agency).WithMany().HasForeignKey(i => i.AgencyId);
        });
        model.Entity<CatalogVersion>(e =>
        {
            e.ToTable("catalog_versions");
            e.Property(v => v.Status).HasConversion<string>();
            e.HasIndex(v => new { v.ItemId, v.Number }).IsUnique();
            e.HasOne<CatalogItem>().WithMany().HasForeignKey(v => v.ItemId);
            e.Ignore(v => v.CategoryList);
            e.Ignore(v => v.MethodList);
            e.Ignore(v => v.Content);
        });
        model.Entity<SelectionDraw>(e =>
        {
            e.ToTable("selection_draws");
            e.HasOne<CatalogItem>().WithMany().HasForeignKey(d => d.ItemId);
            e.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId);
        });
        model.Entity<Reading>(e =>
        {
            e.ToTable("readings");
            e.HasKey(r => new { r.DeviceId, r.Metric, r.DeviceTime });
        });
        model.Entity<AiEvent>(e =>
        {
            e.ToTable("ai_events");
            e.HasIndex(x => new { x.DeviceId, x.ExternalId }).IsUnique();
            e.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId);
            e.HasMany(x => x.Media).WithOne().HasForeignKey(m => m.EventId);
            e.Navigation(x => x.Media).HasField("media");
        });
        model.Entity<AiEventMedia>(e =>
        {
            e.ToTable("ai_event_media");
            e.HasKey(m => new { m.EventId, m.Sha256 });
            e.Property(m => m.Kind).HasConversion<string>();
        });
        model.Entity<CameraBaselineRecord>(e =>
        {
            e.ToTable("camera_baselines");
            e.HasKey(b => new { b.DeviceId, b.Camera });
            e.HasOne<Device>().WithMany().HasForeignKey(b => b.DeviceId);
        });
        model.Entity<SelfReportForm>(e =>
        {
            e.ToTable("self_report_forms");
            e.Property(f => f.Frequency).HasConversion<string>();
            e.HasOne<CatalogItem>().WithMany().HasForeignKey(f => f.CatalogItemId);
            e.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId);
            e.Ignore(f => f.Categories);
            e.Ignore(f => f.Fields);
            e.Ignore(f => f.Attachments);
        });
        model.Entity<SelfReport>(e =>
        {
            e.ToTable("self_reports");
            e.HasIndex(r => new { r.FormId, r.EntityId, r.PeriodStart }).IsUnique();
            e.HasOne<SelfReportForm>().WithMany().HasForeignKey(r => r.FormId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(r => r.EntityId);
        });
        model.Entity<OverdueReport>(e =>
        {
            e.ToTable("overdue_reports");
            e.HasKey(o => new { o.FormId, o.EntityId, o.PeriodStart });
            e.HasOne<SelfReportForm>().WithMany().HasForeignKey(o => o.FormId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(o => o.EntityId);
        });
        model.Entity<PlatformClient>(e =>
        {
            e.ToTable("platform_clients");
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId);
        });
        model.Entity<ProvincialClue>(e =>
        {
            e.ToTable("provincial_clues");
            e.Property(c => c.Status).HasConversion<string>();
            e.HasIndex(c => new { c.ClientId, c.ExternalId }).IsUnique();
            e.HasOne<PlatformClient>().WithMany().HasForeignKey(c => c.ClientId);
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(c => c.EntityId);
        });
        model.Entity<Warning>(e =>
        {
            e.ToTable("warnings");
            e.Property(w => w.Category).HasConversion<string>();
            e.Property(w => w.Severity).HasConversion<string>();
            e.Property(w => w.Status).HasConversion<string>();
            e.HasOne<Device>().WithMany().HasForeignKey(w => w.DeviceId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(w => w.EntityId);
            e.HasOne<Agency>().WithMany().HasForeignKey(w => w.AgencyId);
        });
        model.Entity<WarningResponse>(e =>
        {
            e.ToTable("warning_responses");
            e.Property(r => r.Kind).HasConversion<string>();
            e.HasOne<Warning>().WithMany().HasForeignKey(r => r.WarningId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(r => r.EntityId);
            e.HasOne<User>().WithMany().HasForeignKey(r => r.ByUserId);
        });
        model.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.Property(n => n.Channel).HasConversion<string>();
            e.Property(n => n.Kind).HasConversion<string>();
            e.Property(n => n.Status).HasConversion<string>();
            e.Property(n => n.ClaimToken).IsConcurrencyToken(); // a worker whose claim lapsed cannot overwrite another's result
            e.HasIndex(n => new { n.Source, n.Channel }).IsUnique();
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(n => n.EntityId);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.RecipientUserId);
        });
        model.Entity<PhoneCall>(e =>
        {
            e.ToTable("phone_calls");
            e.Property(c => c.Outcome).HasConversion<string>();
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(c => c.EntityId);
            e.HasOne<Warning>().WithMany().HasForeignKey(c => c.WarningId);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.OfficerId);
        });
        model.Entity<EvidenceItem>(e =>
        {
            e.ToTable("evidence_items");
            e.Property(i => i.Form).HasConversion<string>();
            e.Property(i => i.CaptureMethod).HasConversion<string>();
            e.HasIndex(i => i.SourceKey).IsUnique();
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(i => i.EntityId);
            e.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId);
            e.HasOne<Warning>().WithMany().HasForeignKey(i => i.WarningId);
            e.HasOne<Device>().WithMany().HasForeignKey(i => i.DeviceId);
        });
        model.Entity<EvidenceReview>(e =>
        {
            e.ToTable("evidence_reviews");
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(r => r.ItemId);
        });
        model.Entity<EvidenceAccess>(e =>
        {
            e.ToTable("evidence_access");
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.Action).HasConversion<string>();
            e.Property(a => a.Outcome).HasConversion<string>();
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(a => a.ItemId);
        });
        model.Entity<EvidenceHold>(e =>
        {
            e.ToTable("evidence_holds");
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(h => h.ItemId);
        });
        MapCases(model);
        model.Entity<Document>(e =>
        {
            e.ToTable("documents");
            e.Property(d => d.Type).HasConversion<string>();
            // The status is the concurrency token: a transition writes only if the row is still in the state it read.
            e.Property(d => d.Status).HasConversion<string>().IsConcurrencyToken();
            e.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(d => d.EntityId);
            e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId);
            e.HasIndex(d => new { d.AgencyId, d.Year, d.Type, d.Serial }).IsUnique();
        });
        model.Entity<DocumentTemplate>(e =>
        {
            e.ToTable("document_templates");
            e.HasKey(t => new { t.Type, t.Version });
            e.Property(t => t.Type).HasConversion<string>();
            e.Property(t => t.Version).ValueGeneratedNever();
        });
        model.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_records");
            e.Property(a => a.Id).ValueGeneratedOnAdd();
        });
        model.Entity<LogQueueEntry>(e =>
        {
            e.ToTable("log_queue");
            e.Property(q => q.Id).ValueGeneratedOnAdd();
        });
        model.Entity<LogLeaf>(e =>
        {
            e.ToTable("log_leaves");
            e.HasKey(l => l.LeafIndex);
            e.Property(l => l.LeafIndex).ValueGeneratedNever();
            e.HasIndex(l => new { l.Kind, l.Ref }).IsUnique();
        });
        model.Entity<LogTreeHeadRecord>(e =>
        {
            e.ToTable("log_tree_heads");
            e.Property(h => h.Id).ValueGeneratedOnAdd();
        });
        model.Entity<LogKey>(e =>
        {
            e.ToTable("log_keys");
            e.HasKey(k => k.KeyId);
        });
        model.Entity<LogParameters>(e =>
        {
            e.ToTable("log_parameters");
            e.Property(p => p.Id).ValueGeneratedNever();
        });
        model.Entity<CalendarYear>(e =>
        {
            e.ToTable("calendar_years");
            e.HasKey(y => y.Year);
            e.Property(y => y.Year).ValueGeneratedNever();
            e.Property(y => y.Provisional).HasDefaultValue(false);
        });
        model.Entity<CalendarDay>(e =>
        {
            e.ToTable("calendar_days");
            e.HasKey(d => d.Date);
            e.Property(d => d.Kind).HasConversion<string>();
        });
        model.Entity<Lease>(e =>
        {
            e.ToTable("leases");
            e.HasKey(l => l.Name);
        });
        model.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        MapPayments(model);
        MapService(model);
        MapCredit(model);
        MapInspections(model);

        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Naming.ToSnakeCase(property.Name));
            }
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));

    private static void MapCases(ModelBuilder model)
    {
        model.Entity<Case>(e =>
        {
            e.ToTable("cases");
            e.Property(c => c.Party).HasConversion<string>();
            e.Property(c => c.Source).HasConversion<string>();
            e.Property(c => c.Procedure).HasConversion<string>();
            e.Property(c => c.Stage).HasConversion<string>();
            e.Property(c => c.ProposedOutcome).HasConversion<string>();
            e.Property(c => c.DecidedOutcome).HasConversion<string>();
            e.Property(c => c.Version).IsConcurrencyToken(); // two people taking a step at once: one wins, the other gets a conflict
            e.Ignore(c => c.ProposedPenalty);
            e.Ignore(c => c.DecidedPenalty);
            e.Ignore(c => c.IsOpen);
            e.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(c => c.EntityId);
        });
        model.Entity<CaseMember>(e =>
        {
            e.ToTable("case_members");
            e.HasKey(m => new { m.CaseId, m.UserId, m.Role });
            e.Property(m => m.Role).HasConversion<string>();
            e.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId);
        });
        model.Entity<CaseEvent>(e =>
        {
            e.ToTable("case_events");
            e.Property(x => x.FromStage).HasConversion<string>();
            e.Property(x => x.ToStage).HasConversion<string>();
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
        model.Entity<CaseEvidence>(e =>
        {
            e.ToTable("case_evidence");
            e.HasKey(x => new { x.CaseId, x.ItemId });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
        model.Entity<CaseStatement>(e =>
        {
            e.ToTable("case_statements");
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
        model.Entity<CaseRemedy>(e =>
        {
            e.ToTable("case_remedies");
            e.Property(x => x.Kind).HasConversion<string>();
            e.Ignore(x => x.Period);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
        model.Entity<Tianmu.Cases.Files.CaseFile>(e =>
        {
            e.ToTable("case_files");
            e.HasIndex(x => new { x.CaseId, x.Version }).IsUnique();
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
        model.Entity<Accountability.CaseDeadlineAlert>(e =>
        {
            e.ToTable("case_deadline_alerts");
            e.HasKey(x => new { x.CaseId, x.Kind, x.Due, x.Stage }); // each reminder and escalation exactly once
            e.Property(x => x.Kind).HasConversion<string>();
            e.Property(x => x.Stage).HasConversion<string>();
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId);
        });
    }

    private static void MapCredit(ModelBuilder model)
    {
        model.Entity<CreditGrade>(e =>
        {
            e.ToTable("credit_grades");
            e.Property(g => g.Risk).HasConversion<string>();
            e.HasIndex(g => new { g.EntityId, g.AsOf, g.ComputedAt });
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(g => g.EntityId);
            e.HasOne<Agency>().WithMany().HasForeignKey(g => g.AgencyId);
        });
        model.Entity<KeySupervisionEntry>(e =>
        {
            e.ToTable("key_supervision_entries");
            e.HasIndex(k => new { k.EntityId, k.SourceKind, k.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(k => k.EntityId);
        });
        model.Entity<CreditRun>(e =>
        {
            e.ToTable("credit_runs");
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(r => r.EntityId);
        });
        model.Entity<AgencyCreditModel>(e =>
        {
            e.ToTable("credit_models");
            e.HasIndex(m => new { m.AgencyId, m.Code, m.Version }).IsUnique();
            e.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId);
        });
        model.Entity<HygieneGrading>(e =>
        {
            e.ToTable("hygiene_gradings");
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(g => g.EntityId);
        });
        model.Entity<CreditRepair>(e =>
        {
            e.ToTable("credit_repairs");
            e.Property(r => r.Status).HasConversion<string>().IsConcurrencyToken(); // decided once: two officers at once, one wins, the other is told
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(r => r.EntityId);
            e.HasOne<User>().WithMany().HasForeignKey(r => r.AppliedBy);
        });
    }

    private static void MapInspections(ModelBuilder model)
    {
        model.Entity<InspectionPlan>(e =>
        {
            e.ToTable("inspection_plans");
            e.HasIndex(p => new { p.AgencyId, p.Year }).IsUnique();
            e.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId);
        });
        model.Entity<InspectionPlanItem>(e =>
        {
            e.ToTable("inspection_plan_items");
            e.HasIndex(i => new { i.PlanId, i.EntityId }).IsUnique();
            e.HasOne<InspectionPlan>().WithMany().HasForeignKey(i => i.PlanId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(i => i.EntityId);
        });
        model.Entity<Inspection>(e =>
        {
            e.ToTable("inspections");
            e.Property(i => i.Outcome).HasConversion<string>();
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(i => i.EntityId);
            e.HasOne<InspectionPlan>().WithMany().HasForeignKey(i => i.PlanId);
            e.HasOne<InspectionDraw>().WithMany().HasForeignKey(i => i.DrawId);
        });
        model.Entity<OfficerConflict>(e =>
        {
            e.ToTable("officer_conflicts");
            e.HasIndex(c => new { c.OfficerId, c.EntityId }).IsUnique();
            e.HasOne<User>().WithMany().HasForeignKey(c => c.OfficerId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(c => c.EntityId);
        });
        model.Entity<InspectionDraw>(e =>
        {
            e.ToTable("inspection_draws");
            e.HasOne<Agency>().WithMany().HasForeignKey(d => d.AgencyId);
        });
    }

    private static void MapPayments(ModelBuilder model)
    {
        model.Entity<PaymentNotice>(e =>
        {
            e.ToTable("payment_notices");
            e.HasIndex(n => n.CaseId).IsUnique(); // one notice per decision
            e.HasIndex(n => n.Code).IsUnique();
            e.Ignore(n => n.Principal);
            e.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(n => n.EntityId);
            e.HasOne<Agency>().WithMany().HasForeignKey(n => n.AgencyId);
        });
        model.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.Property(p => p.Flag).HasConversion<string>();
            e.Property(p => p.Resolution).HasConversion<string>();
            e.Property(p => p.ResolvedAt).IsConcurrencyToken(); // two people settling it at once: one wins, the other is told
            e.HasIndex(p => p.TransactionId).IsUnique(); // a report sent twice is one payment
            e.Ignore(p => p.Unapplied);
            e.HasOne<PaymentNotice>().WithMany().HasForeignKey(p => p.NoticeId);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.ResolvedCaseId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(p => p.EntityId);
        });
        model.Entity<PaymentNonce>(e =>
        {
            e.ToTable("payment_nonces");
            e.HasKey(n => n.Nonce);
        });
    }

    private static void MapService(ModelBuilder model)
    {
        model.Entity<Service.ServiceAddressConfirmation>(e =>
        {
            e.ToTable("service_address_confirmations");
            e.Property(c => c.Method).HasConversion<string>();
            e.Property(c => c.Channel).HasConversion<string>();
            e.Property(c => c.SupersededAt).IsConcurrencyToken(); // two confirmations at once: one supersedes, the other is told
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(c => c.EntityId);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.SignedByUserId);
        });
        model.Entity<Service.ServiceRecord>(e =>
        {
            e.ToTable("service_records");
            e.Property(r => r.Method).HasConversion<string>();
            e.Property(r => r.Status).HasConversion<string>().IsConcurrencyToken(); // completed once, by one worker
            e.Property(r => r.ReceiptDocumentId).IsConcurrencyToken(); // one receipt per service
            e.Property(r => r.FirstOpenedAt).IsConcurrencyToken(); // the first opening is kept, never overwritten
            e.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId);
            e.HasOne<Document>().WithMany().HasForeignKey(r => r.ReceiptDocumentId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(r => r.EntityId);
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId);
            e.HasOne<Service.ServiceAddressConfirmation>().WithMany().HasForeignKey(r => r.ConfirmationId);
            e.HasOne<EvidenceItem>().WithMany().HasForeignKey(r => r.EvidenceItemId);
        });
        model.Entity<Service.DecisionPublication>(e =>
        {
            e.ToTable("decision_publications");
            e.Property(p => p.Change).HasConversion<string>();
            e.Property(p => p.WithdrawnAt).IsConcurrencyToken();
            e.Ignore(p => p.Withdrawn);
            e.HasIndex(p => p.DocumentId).IsUnique();
            e.HasOne<Document>().WithMany().HasForeignKey(p => p.DocumentId);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId);
            e.HasOne<RegulatedEntity>().WithMany().HasForeignKey(p => p.EntityId);
            e.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId);
        });
    }
}
