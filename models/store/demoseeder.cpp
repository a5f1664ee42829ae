#include "models/store/demoseeder.h"

#include "models/domain/lifecyclestate.h"
#include "models/domain/result.h"
#include "models/domain/tier.h"
#include "models/store/pgsupport_p.h"
#include "models/store/tiercatalog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QUuid>

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Demo data: a plausible hierarchy of organisations, departments and teams with tier quotas,
// a mix of lifecycle states, hourly usage that grows towards (and sometimes past) the limits,
// and memories with department/date/classification metadata. Deterministic for a seed: ids,
// names, limits and values depend on the seed only; timestamps are relative to the current hour.
// Everything is written with COPY over one libpq connection, in one transaction.

namespace tc::pg {

namespace {

// splitmix64: tiny, fast, and identical on every platform (std distributions are not).
class Rng
{
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int range(int lo, int hi) { return lo + int(next() % quint64(hi - lo + 1)); } // inclusive
    bool chance(double p) { return uniform() < p; }
    template<typename T, size_t N>
    const T &pick(const std::array<T, N> &items) { return items[next() % N]; }
    QUuid uuid()
    {
        const quint64 a = next(), b = next();
        QUuid u(uint(a >> 32), ushort(a >> 16), ushort(a), uchar(b >> 56), uchar(b >> 48), uchar(b >> 40),
                uchar(b >> 32), uchar(b >> 24), uchar(b >> 16), uchar(b >> 8), uchar(b));
        u.data3 = (u.data3 & 0x0fff) | 0x4000; // version 4
        u.data4[0] = (u.data4[0] & 0x3f) | 0x80; // RFC 4122 variant
        return u;
    }

private:
    quint64 m_state;
};

constexpr std::array<const char *, 46> kOrgPrefixes = {
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent",
    "Cyberdyne", "Tyrell", "Wonka", "Oscorp", "Aperture", "Blue Harbor", "Red Rock", "Silver Lake",
    "Green Valley", "Pine Ridge", "Sunrise", "Everest", "Atlas", "Orion", "Nimbus", "Quantum", "Vertex",
    "Summit", "Beacon", "Cobalt", "Crescent", "Falcon", "Granite", "Horizon", "Juniper", "Keystone",
    "Lighthouse", "Meridian", "Nova", "Pioneer", "Redwood", "Sequoia", "Trident", "Zenith", "Polaris", "Aurora"};
constexpr std::array<const char *, 28> kOrgSuffixes = {
    "Labs", "Logistics", "Analytics", "Health", "Energy", "Foods", "Media", "Bank", "Insurance", "Robotics",
    "Retail", "Systems", "Capital", "Pharma", "Airlines", "Motors", "Studios", "Telecom", "Security",
    "Consulting", "Biotech", "Games", "Shipping", "Mining", "Software", "Travel", "Education", "Legal"};
constexpr std::array<const char *, 10> kRegions = {"Europe", "Asia", "Americas", "Nordics", "LATAM",
                                                   "Africa", "Oceania", "UK", "DACH", "Benelux"};
constexpr std::array<const char *, 18> kDepartments = {
    "Marketing", "Engineering", "Sales", "Finance", "Legal", "Support", "Research", "Operations",
    "Human Resources", "Data Science", "Security", "Product", "Procurement", "Customer Success", "IT",
    "Compliance", "Design", "Facilities"};
constexpr std::array<const char *, 18> kTeams = {
    "EMEA", "APAC", "Americas", "Platform", "Growth", "Core", "Mobile", "Web", "Payments", "Infrastructure",
    "Analytics", "Partnerships", "Brand", "Field", "Inside", "Enterprise", "SMB", "Onboarding"};
constexpr std::array<const char *, 24> kGreek = {
    "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu",
    "Nu", "Xi", "Omicron", "Pi", "Rho", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"};
constexpr std::array<const char *, 6> kFeatures = {"semantic_search", "analytics", "export",
                                                   "sso", "audit_export", "custom_models"};
constexpr std::array<const char *, 4> kClassifications = {"public", "internal", "confidential", "restricted"};
constexpr std::array<const char *, 5> kSources = {"email", "chat", "document", "ticket", "meeting"};
constexpr std::array<const char *, 12> kTopics = {
    "quarterly planning", "customer feedback", "pricing change", "incident review", "hiring plan",
    "vendor contract", "roadmap", "campaign results", "security audit", "budget forecast",
    "onboarding checklist", "release notes"};
constexpr std::array<const char *, 4> kSuspendReasons = {"Overdue invoice", "Customer request",
                                                         "Abuse report under review", "Contract renegotiation"};

constexpr std::array<const char *, 3> kMetered = {"items", "storage_bytes", "queries_per_minute"};

struct GenTenant
{
    int parent = -1;
    int depth = 1;
    std::string id;
    std::string slug;
    std::string name;
    QString department; // nearest department name, for memory metadata
    Tier tier = Tier::Starter;
    LifecycleState state = LifecycleState::Active;
    int heldBy = -1;           // the ancestor whose transition carried this one along (own state: active)
    qint64 createdAt = 0;      // seconds since epoch
    qint64 stateChangedAt = 0;
    std::string settings;
    QHash<QString, std::optional<qint64>> explicitLimits; // rows to write into quotas
    std::array<std::optional<qint64>, 3> effective{};     // metered resources
};

std::string slugify(const std::string &name)
{
    std::string s;
    for (char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            s += c;
        else if (c >= 'A' && c <= 'Z')
            s += char(c - 'A' + 'a');
        else if (!s.empty() && s.back() != '-')
            s += '-';
    }
    while (!s.empty() && s.back() == '-')
        s.pop_back();
    return s;
}

std::string timestamp(qint64 secs)
{
    std::time_t t = secs;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S+00", &tm);
    return buf;
}

void appendInt(std::string &out, qint64 v)
{
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    Q_UNUSED(ec);
    out.append(buf, end);
}

// COPY text format: backslash, tab, newline and carriage return must be escaped.
void appendField(std::string &out, const std::string &value)
{
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
}

struct PgConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;

class SeedError : public std::runtime_error
{
public:
    SeedError(ErrorKind k, const std::string &what) : std::runtime_error(what), kind(k) {}
    ErrorKind kind;
};

ErrorKind kindForState(const char *sqlstate)
{
    const std::string s = sqlstate ? sqlstate : "";
    if (s == "42501")
        return ErrorKind::PermissionDenied;
    if (s == "42P01" || s == "3F000")
        return ErrorKind::SchemaMissing;
    return ErrorKind::Internal;
}

void exec(PGconn *conn, const std::string &sql)
{
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, sql.c_str()), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw SeedError(kindForState(PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)), PQerrorMessage(conn));
}

std::string scalar(PGconn *conn, const std::string &sql)
{
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, sql.c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        throw SeedError(kindForState(PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)), PQerrorMessage(conn));
    return PQgetvalue(r.get(), 0, 0);
}

// Streams rows to COPY ... FROM STDIN in large chunks.
class CopyStream
{
public:
    CopyStream(PGconn *conn, const std::string &statement) : m_conn(conn)
    {
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, statement.c_str()), &PQclear);
        if (PQresultStatus(r.get()) != PGRES_COPY_IN)
            throw SeedError(kindForState(PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)), PQerrorMessage(conn));
        m_buffer.reserve(kChunk + 4096);
    }
    std::string &buffer() { return m_buffer; }
    void endRow()
    {
        m_buffer += '\n';
        ++m_rows;
        if (m_buffer.size() >= kChunk)
            flush();
    }
    qint64 finish()
    {
        flush();
        if (PQputCopyEnd(m_conn, nullptr) != 1)
            throw SeedError(ErrorKind::ConnectionLost, PQerrorMessage(m_conn));
        std::unique_ptr<PGresult, decltype(&PQclear)> r(PQgetResult(m_conn), &PQclear);
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throw SeedError(ErrorKind::Internal, PQerrorMessage(m_conn));
        while (PGresult *rest = PQgetResult(m_conn))
            PQclear(rest);
        return m_rows;
    }

private:
    static constexpr size_t kChunk = 1 << 20;
    void flush()
    {
        if (!m_buffer.empty() && PQputCopyData(m_conn, m_buffer.data(), int(m_buffer.size())) != 1)
            throw SeedError(ErrorKind::ConnectionLost, PQerrorMessage(m_conn));
        m_buffer.clear();
    }
    PGconn *m_conn;
    std::string m_buffer;
    qint64 m_rows = 0;
};

class Generator
{
public:
    Generator(const DemoSeedOptions &options, qint64 anchor)
        : m_options(options), m_rng(options.seed), m_anchor(anchor)
    {
    }

    std::vector<GenTenant> tenants;

    void generateHierarchy()
    {
        if (!m_options.shape.isEmpty()) {
            generateShape();
            return;
        }
        const int maxDepth = std::clamp(m_options.maxDepth, 1, 8);
        while (int(tenants.size()) < m_options.tenants)
            addOrganisation(maxDepth);
    }

    // Quotas and states follow the hierarchy, so they are drawn after it.
    void generateAttributes()
    {
        for (size_t i = 0; i < tenants.size(); ++i)
            assignAttributes(tenants[i]);
    }

    Rng &rng() { return m_rng; }
    qint64 anchor() const { return m_anchor; }

private:
    GenTenant &add(int parent, std::string name)
    {
        GenTenant t;
        t.parent = parent;
        t.depth = parent < 0 ? 1 : tenants[size_t(parent)].depth + 1;
        t.id = m_rng.uuid().toString(QUuid::WithoutBraces).toStdString();
        t.name = std::move(name);
        t.slug = slugify(t.name);
        if (parent >= 0 && t.depth == 2)
            t.department = QString::fromStdString(t.name);
        else if (parent >= 0)
            t.department = tenants[size_t(parent)].department;
        tenants.push_back(std::move(t));
        return tenants.back();
    }

    std::string uniqueOrgName()
    {
        std::string name = std::string(m_rng.pick(kOrgPrefixes)) + " " + m_rng.pick(kOrgSuffixes);
        if (m_usedTop.contains(name)) {
            const std::string regional = name + " " + m_rng.pick(kRegions);
            name = regional;
            for (int n = 2; m_usedTop.contains(name); ++n)
                name = regional + " " + std::to_string(n);
        }
        m_usedTop.insert(name);
        return name;
    }

    // Sibling names drawn without repetition from `pool`, numbered once the pool is used up.
    template<size_t N>
    std::vector<std::string> siblingNames(const std::array<const char *, N> &pool, int count)
    {
        std::vector<int> order(N);
        for (size_t i = 0; i < N; ++i)
            order[i] = int(i);
        for (size_t i = N - 1; i > 0; --i)
            std::swap(order[i], order[m_rng.next() % (i + 1)]);
        std::vector<std::string> names;
        for (int i = 0; i < count; ++i) {
            std::string n = pool[size_t(order[size_t(i) % N])];
            if (i >= int(N))
                n += " " + std::to_string(i / int(N) + 1);
            names.push_back(std::move(n));
        }
        return names;
    }

    std::vector<std::string> childNames(int depth, int count)
    {
        if (depth == 2)
            return siblingNames(kDepartments, count);
        if (depth == 3)
            return siblingNames(kTeams, count);
        auto names = siblingNames(kGreek, count);
        for (auto &n : names)
            n = "Team " + n;
        return names;
    }

    void addOrganisation(int maxDepth)
    {
        const int org = int(tenants.size());
        add(-1, uniqueOrgName());
        addChildren(org, maxDepth);
    }

    void addChildren(int parent, int maxDepth)
    {
        const int depth = tenants[size_t(parent)].depth + 1;
        if (depth > maxDepth)
            return;
        int count = 0;
        if (depth == 2)
            count = m_rng.chance(0.35) ? 0 : m_rng.range(1, 8);
        else
            count = m_rng.range(0, std::max(0, 6 - depth));
        const auto names = childNames(depth, count);
        for (const std::string &name : names) {
            if (int(tenants.size()) >= m_options.tenants)
                return;
            const int child = int(tenants.size());
            add(parent, name);
            addChildren(child, maxDepth);
        }
    }

    void generateShape()
    {
        // Breadth first: every tenant of a level before the next, parents before children.
        std::vector<int> level{-1};
        for (int depth = 1; depth <= m_options.shape.size() && depth <= 8; ++depth) {
            std::vector<int> next;
            const int fanout = m_options.shape.at(depth - 1);
            for (int parent : level) {
                const auto names = depth == 1 ? std::vector<std::string>() : childNames(depth, fanout);
                for (int i = 0; i < fanout; ++i) {
                    next.push_back(int(tenants.size()));
                    add(parent, depth == 1 ? uniqueOrgName() : names[size_t(i)]);
                }
            }
            level = std::move(next);
        }
    }

    void assignAttributes(GenTenant &t)
    {
        const GenTenant *parent = t.parent >= 0 ? &tenants[size_t(t.parent)] : nullptr;
        const qint64 windowStart = m_anchor - qint64(m_options.days) * 86400;

        if (!parent) {
            const double r = m_rng.uniform();
            t.tier = r < 0.5 ? Tier::Starter : r < 0.85 ? Tier::Professional : Tier::Enterprise;
            t.createdAt = windowStart - qint64(m_rng.uniform(1, 3 * 365)) * 86400 - m_rng.range(0, 86399);
        } else {
            t.tier = parent->tier;
            const qint64 room = std::max<qint64>(0, windowStart - parent->createdAt - 86400);
            t.createdAt = parent->createdAt + qint64(m_rng.uniform() * double(room));
        }

        // States: children of a non-active parent share its state (the schema requires that
        // they are not active); otherwise mostly active.
        const double r = m_rng.uniform();
        if (parent && parent->state != LifecycleState::Active) {
            t.state = parent->state;
            t.heldBy = parent->heldBy >= 0 ? parent->heldBy : t.parent;
        } else if (!parent) {
            t.state = r < 0.90 ? LifecycleState::Active : r < 0.95 ? LifecycleState::Suspended
                    : r < 0.98 ? LifecycleState::Archived : LifecycleState::Deleted;
        } else {
            t.state = r < 0.95 ? LifecycleState::Active : r < 0.98 ? LifecycleState::Suspended
                                                                   : LifecycleState::Deleted;
        }
        if (t.state == LifecycleState::Active)
            t.stateChangedAt = t.createdAt;
        else if (parent && parent->state == t.state)
            t.stateChangedAt = parent->stateChangedAt;
        else
            t.stateChangedAt = m_anchor - qint64(m_rng.uniform(1, 60) * 86400);
        // A tenant created under an already suspended parent starts in that state.
        t.stateChangedAt = std::max(t.stateChangedAt, t.createdAt);

        // Settings: features chosen at the top, inherited below by default.
        std::string features;
        for (const char *f : kFeatures) {
            if (m_rng.chance(t.tier == Tier::Enterprise ? 0.8 : t.tier == Tier::Professional ? 0.5 : 0.2))
                features += std::string(features.empty() ? "" : ", ") + "\"" + f + "\"";
        }
        const bool inherit = parent && m_rng.chance(0.7);
        t.settings = "{\"features\": [" + (inherit ? std::string() : features) + "], \"inherit_features\": "
                     + (inherit ? "true" : "false") + ", \"retention_days\": 90, \"prevent_deletion\": "
                     + (!parent && t.tier == Tier::Enterprise && t.state != LifecycleState::Deleted ? "true" : "false") + "}";

        // Quotas: organisations get their tier's preset; some sub-tenants get a narrower share
        // of the metered resources, the others inherit. Never above the parent's limit.
        if (!parent) {
            for (const auto &[resource, limit] : TierCatalog::preset(t.tier)->quotas)
                t.explicitLimits.insert(resource, limit);
            for (size_t m = 0; m < kMetered.size(); ++m)
                t.effective[m] = t.explicitLimits.value(QString::fromLatin1(kMetered[m]));
        } else {
            t.effective = parent->effective;
            if (m_rng.chance(0.35)) {
                for (size_t m = 0; m < kMetered.size(); ++m) {
                    if (!parent->effective[m])
                        continue;
                    const qint64 limit = std::max<qint64>(1, qint64(double(*parent->effective[m]) * m_rng.uniform(0.2, 0.6)));
                    t.explicitLimits.insert(QString::fromLatin1(kMetered[m]), limit);
                    t.effective[m] = limit;
                }
            }
        }
    }

    const DemoSeedOptions &m_options;
    Rng m_rng;
    qint64 m_anchor;
    QSet<std::string> m_usedTop;
};

// How full a tenant ends up: most comfortably below the limit, some near it, a few over.
double finalFraction(Rng &rng)
{
    const double r = rng.uniform();
    if (r < 0.60)
        return rng.uniform(0.05, 0.60);
    if (r < 0.85)
        return rng.uniform(0.60, 0.85);
    if (r < 0.95)
        return rng.uniform(0.85, 1.0);
    return rng.uniform(1.0, 1.15);
}

struct Totals
{
    qint64 tenants = 0, quotas = 0, samples = 0, memories = 0, events = 0;
};

void writeTenants(PGconn *conn, const std::vector<GenTenant> &tenants, Totals &totals)
{
    CopyStream copy(conn, "COPY tenancy.tenants (id, parent_id, slug, display_name, tier, state, state_changed_at,"
                          " purge_after, settings, created_at, updated_at, held_by, own_state) FROM STDIN");
    for (const GenTenant &t : tenants) {
        std::string &b = copy.buffer();
        b += t.id;
        b += '\t';
        b += t.parent >= 0 ? tenants[size_t(t.parent)].id : std::string("\\N");
        b += '\t';
        appendField(b, t.slug);
        b += '\t';
        appendField(b, t.name);
        b += '\t';
        b += tierKey(t.tier).toStdString();
        b += '\t';
        b += lifecycleStateKey(t.state).toStdString();
        b += '\t';
        b += timestamp(t.stateChangedAt);
        b += '\t';
        b += t.state == LifecycleState::Deleted ? timestamp(t.stateChangedAt + 90 * 86400) : std::string("\\N");
        b += '\t';
        appendField(b, t.settings);
        b += '\t';
        b += timestamp(t.createdAt);
        b += '\t';
        b += timestamp(std::max(t.createdAt, t.stateChangedAt));
        b += '\t';
        b += t.heldBy >= 0 ? tenants[size_t(t.heldBy)].id + "\tactive" : std::string("\\N\t\\N");
        copy.endRow();
    }
    totals.tenants = copy.finish();
}

void writeQuotasAndEvents(PGconn *conn, const std::vector<GenTenant> &tenants, Rng &rng, Totals &totals)
{
    {
        CopyStream copy(conn, "COPY tenancy.quotas (tenant_id, resource, hard_limit) FROM STDIN");
        for (const GenTenant &t : tenants) {
            for (auto it = t.explicitLimits.begin(); it != t.explicitLimits.end(); ++it) {
                std::string &b = copy.buffer();
                b += t.id;
                b += '\t';
                b += it.key().toStdString();
                b += '\t';
                if (it.value())
                    appendInt(b, *it.value());
                else
                    b += "\\N";
                copy.endRow();
            }
        }
        totals.quotas = copy.finish();
    }
    CopyStream copy(conn, "COPY tenancy.lifecycle_events (tenant_id, from_state, to_state, reason, actor, at, cascade_root)"
                          " FROM STDIN");
    // A cascaded change has its root's reason (roots come before their descendants).
    std::vector<std::string> reasons(tenants.size());
    for (size_t i = 0; i < tenants.size(); ++i) {
        const GenTenant &t = tenants[i];
        std::string &b = copy.buffer();
        b += t.id + "\t\\N\tactive\tCreated\tdemo-seed\t" + timestamp(t.createdAt) + "\t\\N";
        copy.endRow();
        if (t.state == LifecycleState::Active)
            continue;
        std::string &b2 = copy.buffer();
        const std::string reason = t.heldBy >= 0                        ? reasons[size_t(t.heldBy)]
                                 : t.state == LifecycleState::Suspended ? rng.pick(kSuspendReasons)
                                 : t.state == LifecycleState::Archived  ? "Contract ended; kept for compliance"
                                                                        : "Customer closed the account";
        reasons[i] = reason;
        b2 += t.id + "\tactive\t" + lifecycleStateKey(t.state).toStdString() + "\t" + reason + "\tdemo-seed\t"
              + timestamp(t.stateChangedAt) + "\t" + (t.heldBy >= 0 ? tenants[size_t(t.heldBy)].id : std::string("\\N"));
        copy.endRow();
    }
    totals.events = copy.finish();
}

// Hourly samples of the metered resources ending at the anchor hour, and usage_current.
void writeUsage(PGconn *conn, const std::vector<GenTenant> &tenants, int days, Rng &rng, qint64 anchor,
                Totals &totals, const std::function<void(const QString &)> &progress)
{
    const int hours = days * 24;
    std::vector<std::string> stamps(static_cast<size_t>(hours));
    for (int h = 0; h < hours; ++h)
        stamps[size_t(h)] = timestamp(anchor - qint64(hours - 1 - h) * 3600);

    struct Current { const std::string *id; int resource; qint64 value; };
    std::vector<Current> current;
    current.reserve(tenants.size() * kMetered.size());

    {
        CopyStream copy(conn, "COPY tenancy.usage_samples (tenant_id, resource, at, value) FROM STDIN FREEZE");
        size_t done = 0;
        for (const GenTenant &t : tenants) {
            const bool running = t.state == LifecycleState::Active;
            for (size_t m = 0; m < kMetered.size(); ++m) {
                // Unlimited resources still get usage, sized like a large professional tenant.
                const double limit = t.effective[m] ? double(*t.effective[m])
                                                    : (m == 0 ? 5e6 : m == 1 ? 5e11 : 20000.0);
                const double target = finalFraction(rng) * limit;
                const double start = rng.uniform(0.3, 0.8);
                const double curve = rng.uniform(0.7, 1.6);
                const int stopHour = running ? hours
                                             : std::clamp(int((t.stateChangedAt - (anchor - qint64(hours) * 3600)) / 3600), 0, hours);
                qint64 value = 0;
                qint64 last = 0;
                for (int h = 0; h < hours; ++h) {
                    const double x = hours > 1 ? double(h) / double(hours - 1) : 1.0;
                    if (m < 2) {
                        // Items and storage grow and never shrink; a tenant that stopped
                        // keeps its data, frozen at the level it had then.
                        const double xe = h < stopHour ? x : (hours > 1 ? double(stopHour) / double(hours - 1) : 0.0);
                        const double v = target * (start + (1 - start) * std::pow(std::min(1.0, xe), curve))
                                         * (h < stopHour ? rng.uniform(0.995, 1.005) : 1.0);
                        value = std::max(last, qint64(v));
                    } else {
                        // Query rate: a daily rhythm, quieter weekends, rare bursts; zero once stopped.
                        const qint64 at = anchor - qint64(hours - 1 - h) * 3600;
                        const int hourOfDay = int((at / 3600) % 24);
                        const int weekday = int(((at / 86400) + 4) % 7); // 0 = Sunday
                        const double rhythm = 0.35 + 0.65 * std::pow(std::sin(M_PI * std::clamp((hourOfDay - 6) / 14.0, 0.0, 1.0)), 2);
                        const double week = (weekday == 0 || weekday == 6) ? 0.6 : 1.0;
                        const double burst = rng.chance(0.01) ? rng.uniform(1.3, 1.8) : 1.0;
                        value = h < stopHour ? qint64(target * (0.4 + 0.6 * x) * rhythm * week * burst * rng.uniform(0.9, 1.1)) : 0;
                    }
                    last = value;
                    std::string &b = copy.buffer();
                    b += t.id;
                    b += '\t';
                    b += kMetered[m];
                    b += '\t';
                    b += stamps[size_t(h)];
                    b += '\t';
                    appendInt(b, value);
                    copy.endRow();
                }
                if (hours == 0)
                    last = m < 2 ? qint64(target * (running ? 1.0 : start)) : 0;
                current.push_back({&t.id, int(m), last});
            }
            if (progress && ++done % 20000 == 0)
                progress(QStringLiteral("usage: %1 of %2 tenants").arg(done).arg(tenants.size()));
        }
        totals.samples = copy.finish();
    }

    CopyStream copy(conn, "COPY tenancy.usage_current (tenant_id, resource, at, value) FROM STDIN");
    const std::string now = timestamp(anchor);
    for (const Current &c : current) {
        std::string &b = copy.buffer();
        b += *c.id;
        b += '\t';
        b += kMetered[size_t(c.resource)];
        b += '\t';
        b += now;
        b += '\t';
        appendInt(b, c.value);
        copy.endRow();
    }
    copy.finish();
}

void writeMemories(PGconn *conn, const std::vector<GenTenant> &tenants, int perTenant, Rng &rng, qint64 anchor,
                   Totals &totals)
{
    if (perTenant <= 0)
        return;
    CopyStream copy(conn, "COPY tenancy.memories (tenant_id, id, content, metadata, created_at) FROM STDIN FREEZE");
    const qint64 from = QDateTime(QDate(2022, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    for (const GenTenant &t : tenants) {
        if (t.state == LifecycleState::Deleted)
            continue;
        const int count = rng.range(0, 2 * perTenant);
        for (int i = 0; i < count; ++i) {
            const std::string department = t.department.isEmpty()
                ? std::string(rng.pick(kDepartments)) : t.department.toStdString();
            const std::string date = timestamp(from + qint64(rng.uniform() * double(anchor - from))).substr(0, 10);
            std::string &b = copy.buffer();
            b += t.id;
            b += '\t';
            b += rng.uuid().toString(QUuid::WithoutBraces).toStdString();
            b += '\t';
            appendField(b, std::string("Notes on ") + rng.pick(kTopics) + " for " + department + " (" + t.name
                               + "): follow-up owner user" + std::to_string(rng.range(1, 400)) + ", status "
                               + (rng.chance(0.7) ? "open" : "closed") + ".");
            b += '\t';
            appendField(b, "{\"department\": \"" + slugify(department) + "\", \"date\": \"" + date
                               + "\", \"classification\": \"" + rng.pick(kClassifications) + "\", \"source\": \""
                               + rng.pick(kSources) + "\"}");
            b += '\t';
            b += date;
            b += " 12:00:00+00";
            copy.endRow();
        }
    }
    totals.memories = copy.finish();
}

} // namespace

Result<DemoSeedReport> seedDemo(const std::string &conninfo, const DemoSeedOptions &options)
{
    if (options.shape.isEmpty() && (options.tenants < 1 || options.tenants > 1'000'000))
        return Error::validation(QStringLiteral("--tenants must be between 1 and 1,000,000."));
    if (options.maxDepth < 1 || options.maxDepth > 8)
        return Error::validation(QStringLiteral("--max-depth must be between 1 and 8."));
    if (options.days < 0 || options.days > 3650)
        return Error::validation(QStringLiteral("--days must be between 0 and 3650."));
    if (options.memoriesPerTenant < 0 || options.memoriesPerTenant > 10000)
        return Error::validation(QStringLiteral("--memories must be between 0 and 10,000 per tenant."));
    qint64 shapeTotal = 0, levelSize = 1;
    for (int fanout : options.shape) {
        if (fanout < 1)
            return Error::validation(QStringLiteral("Every level of a shape needs at least one tenant."));
        levelSize *= fanout;
        shapeTotal += levelSize;
    }
    if (options.shape.size() > 8 || shapeTotal > 1'000'000)
        return Error::validation(QStringLiteral("A shape may have at most 8 levels and 1,000,000 tenants."));

    QElapsedTimer timer;
    timer.start();
    PgConn conn(PQconnectdb(conninfo.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        return connectError(std::runtime_error(PQerrorMessage(conn.get())));

    DemoSeedReport report;
    try {
        exec(conn.get(), "SET client_min_messages = warning");
        const qint64 existing = std::stoll(scalar(conn.get(), "SELECT count(*) FROM tenancy.tenants"));
        if (existing > 0) {
            if (options.ifEmpty) {
                report.skipped = true;
                return report;
            }
            return Error::validation(QStringLiteral("The database already has %1 tenants; demo data is only seeded "
                                                    "into an empty database (use --if-empty to skip quietly).")
                                         .arg(existing));
        }

        const qint64 anchor = (qint64(std::time(nullptr)) / 3600) * 3600;
        Generator gen(options, anchor);
        gen.generateHierarchy();
        gen.generateAttributes();
        if (options.progress)
            options.progress(QStringLiteral("generated %1 tenants").arg(gen.tenants.size()));

        exec(conn.get(), "BEGIN");
        exec(conn.get(), "SET LOCAL synchronous_commit = off");
        // Bulk load: the rows are generated consistent with every rule, so the per-row triggers
        // (rules, audit, notify) are switched off for this transaction only (owner only);
        // one audit entry records the seed instead. Superusers also skip the FK checks.
        const bool superuser = scalar(conn.get(), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == "t";
        // COPY is refused on tables whose row-level security is FORCEd, even for their owner,
        // so the owner lifts FORCE for this transaction too (superusers bypass RLS anyway).
        static const char *const kTables[] = {"tenants", "quotas", "lifecycle_events", "usage_samples",
                                              "usage_current", "memories"};
        if (superuser) {
            exec(conn.get(), "SET LOCAL session_replication_role = replica");
        } else {
            for (const char *table : kTables)
                exec(conn.get(), std::string("ALTER TABLE tenancy.") + table
                                     + " DISABLE TRIGGER USER, NO FORCE ROW LEVEL SECURITY");
        }
        // Empty already (checked above); truncating in this transaction lets COPY FREEZE skip
        // the later hint-bit rewrite of millions of rows.
        exec(conn.get(), "TRUNCATE tenancy.usage_samples, tenancy.usage_current, tenancy.memories");

        Totals totals;
        writeTenants(conn.get(), gen.tenants, totals);
        writeQuotasAndEvents(conn.get(), gen.tenants, gen.rng(), totals);
        if (options.progress)
            options.progress(QStringLiteral("wrote %1 tenants and %2 quotas").arg(totals.tenants).arg(totals.quotas));
        writeUsage(conn.get(), gen.tenants, options.days, gen.rng(), anchor, totals, options.progress);
        writeMemories(conn.get(), gen.tenants, options.memoriesPerTenant, gen.rng(), anchor, totals);

        if (superuser) {
            exec(conn.get(), "SET LOCAL session_replication_role = origin");
        } else {
            for (const char *table : kTables)
                exec(conn.get(), std::string("ALTER TABLE tenancy.") + table
                                     + " ENABLE TRIGGER USER, FORCE ROW LEVEL SECURITY");
        }
        const std::string summary = "{\"tenants\": " + std::to_string(totals.tenants) + ", \"quotas\": "
                                    + std::to_string(totals.quotas) + ", \"usage_samples\": "
                                    + std::to_string(totals.samples) + ", \"memories\": "
                                    + std::to_string(totals.memories) + ", \"seed\": "
                                    + std::to_string(options.seed) + "}";
        exec(conn.get(), "SELECT tenancy.audit_append('demo.seed', NULL, NULL, '" + summary + "'::jsonb)");
        exec(conn.get(), "COMMIT");
        if (options.progress)
            options.progress(QStringLiteral("committed; updating planner statistics"));
        // Index-only child counts need a visibility map; the planner needs statistics.
        exec(conn.get(), "VACUUM (ANALYZE) tenancy.tenants, tenancy.quotas, tenancy.usage_current");
        exec(conn.get(), "ANALYZE tenancy.usage_samples, tenancy.memories, tenancy.lifecycle_events");

        report.tenants = totals.tenants;
        report.quotas = totals.quotas;
        report.usageSamples = totals.samples;
        report.memories = totals.memories;
    } catch (const SeedError &e) {
        PQclear(PQexec(conn.get(), "ROLLBACK"));
        // libpq's text is "ERROR:  ...\nHINT: ..."; the command line wants one line.
        QString message = QString::fromUtf8(e.what()).trimmed().section(u'\n', 0, 0);
        if (message.startsWith(QLatin1String("ERROR:")))
            message = message.mid(6).trimmed();
        if (e.kind == ErrorKind::PermissionDenied)
            message = QStringLiteral("Seeding demo data needs the schema owner's role: %1").arg(message);
        else if (e.kind == ErrorKind::SchemaMissing)
            message = QStringLiteral("The database has no tenancy schema; run \"tenantctl db migrate\" first.");
        return Error{e.kind, message, QString::fromUtf8(e.what())};
    }
    report.seconds = double(timer.elapsed()) / 1000.0;
    return report;
}

} // namespace tc::pg
