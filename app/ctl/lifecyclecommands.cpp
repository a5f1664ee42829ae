#include "lifecyclecommands.h"

#include "ctlapp.h"
#include "outputformat.h"
#include "tenantresolver.h"

#include "models/domain/resourceunit.h"
#include "models/domain/tenant.h"
#include "models/store/pgstore.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <functional>

namespace tc {

using namespace ctl;

namespace {

constexpr int kDefaultPurgeBatch = 5000;
// A dry run lists this many changed tenants for people; --json lists them all.
constexpr int kListedChanges = 20;

template<typename T>
Result<T> waitFor(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

QString pastTense(LifecycleAction action)
{
    switch (action) {
    case LifecycleAction::Suspend: return QStringLiteral("Suspended");
    case LifecycleAction::Resume: return QStringLiteral("Resumed");
    case LifecycleAction::Archive: return QStringLiteral("Archived");
    case LifecycleAction::Restore: return QStringLiteral("Restored");
    case LifecycleAction::Delete: return QStringLiteral("Deleted");
    }
    return QStringLiteral("Changed");
}

// "a", "a and b", "a, b and c"; past a handful, just how many.
QString joinedAnd(const QStringList &items, const QString &or_ = QStringLiteral("and"))
{
    if (items.size() > 5)
        return counted(items.size(), QStringLiteral("tenant"));
    if (items.size() <= 1)
        return items.value(0);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + u' ' + or_ + u' ' + items.last();
}

// The states `action` starts from ("archived or deleted"), for the message refusing it.
QString statesFor(LifecycleAction action)
{
    QStringList states;
    for (const QString &key : lifecycleStateKeys()) {
        const std::optional<LifecycleState> s = lifecycleStateFromKey(key);
        if (s && isActionAllowed(action, *s))
            states.append(key);
    }
    return joinedAnd(states, QStringLiteral("or"));
}

QString percentText(double percent)
{
    return QString::number(percent, 'g', 6) + QStringLiteral(" %");
}

QJsonObject allowanceJson(const DeletionAllowance &a)
{
    return QJsonObject{{QStringLiteral("cap"), a.cap},
                       {QStringLiteral("deleted_recently"), a.deletedRecently},
                       {QStringLiteral("remaining"), a.remaining()},
                       {QStringLiteral("tenants"), a.tenants},
                       {QStringLiteral("percent"), a.percent},
                       {QStringLiteral("window_days"), a.windowDays}};
}

// "Deletion cap: 10 % of 50 tenants, 5 deletions per 30 days; 2 deletions in the last 30 days, 3 left."
QString allowanceText(const DeletionAllowance &a, const QString &title = QStringLiteral("Deletion cap"))
{
    return QStringLiteral("%7: %1 of %2, %3 per %4 days; %5 in the last %4 days, %6 left.")
        .arg(percentText(a.percent), counted(a.tenants, QStringLiteral("tenant")),
             counted(a.cap, QStringLiteral("deletion")))
        .arg(a.windowDays)
        .arg(counted(a.deletedRecently, QStringLiteral("deletion")))
        .arg(a.remaining())
        .arg(title);
}

QJsonValue errorJson(const std::optional<Error> &e)
{
    if (!e)
        return QJsonValue();
    return QJsonObject{{QStringLiteral("error"), errorKindName(e->kind)}, {QStringLiteral("message"), e->message}};
}

// `progress`: how far it got ("2 of 5 tenants finished"), or empty when unknown.
Error purgeInterrupted(const QString &progress)
{
    return {ErrorKind::Cancelled,
            QStringLiteral("Purge interrupted after a whole batch;%1 what was removed stays removed. Run \"tenantctl "
                           "lifecycle purge\" again to go on.")
                .arg(progress.isEmpty() ? QString() : u' ' + progress + u';')};
}

// --- Ctrl+C during a purge -------------------------------------------------------------------

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
    // A second Ctrl+C ends the process at once; the purge is resumable either way.
    std::signal(SIGINT, SIG_DFL);
}

// While it lives, the first SIGINT only sets a flag (the work stops at its next safe point).
class InterruptGuard
{
public:
    InterruptGuard()
    {
        g_interrupted = 0;
        m_previous = std::signal(SIGINT, onInterrupt);
    }
    ~InterruptGuard() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
};

// Waits for `future`, cancelling it at the first Ctrl+C (an InterruptGuard must be alive) and
// then calling `onCancel`; true if it was cancelled so. The flag is looked at from the event
// loop: a signal handler may do nothing but set it.
template<typename T>
bool waitCancellable(QFuture<T> future, const std::function<void()> &onCancel)
{
    bool cancelled = false;
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&future, &cancelled, &onCancel] {
            // Cancelling a finished future would throw its result away: too late is done.
            if (g_interrupted && !cancelled && !future.isFinished()) {
                cancelled = true;
                future.cancel();
                onCancel();
            }
        });
        poll.start(50);
        watcher.setFuture(future);
        loop.exec();
    }
    future.waitForFinished();
    return cancelled;
}

} // namespace

std::optional<int> LifecycleCommands::run(const QString &verb)
{
    if (verb == QLatin1String("show"))
        return show();
    if (verb == QLatin1String("purge"))
        return purge();
    if (verb == QLatin1String("cap"))
        return cap();
    if (const std::optional<LifecycleAction> action = lifecycleActionFromKey(verb))
        return transition(*action);
    return std::nullopt;
}

int LifecycleCommands::show()
{
    QString problem;
    QStringList positional;
    if (!m_app.takePositional({QStringLiteral("TENANT")}, &positional, &problem))
        return m_app.failUsage(problem);
    Error error;
    ResolvedTenant t;
    auto store = m_app.connectResolved(positional.at(0), &t, &error);
    if (!store)
        return m_app.fail(error);
    const Result<QList<LifecycleEvent>> history = waitFor(store->lifecycleHistory(t.tenant.id));
    if (!history.ok())
        return m_app.fail(history.error());

    // The tenant whose transition holds this one's state: one of its ancestors.
    std::optional<ResolvedTenant> holder;
    if (!t.tenant.heldBy.isNull()) {
        for (qsizetype i = 0; i < t.ancestors.size(); ++i) {
            if (t.ancestors.at(i).id == t.tenant.heldBy)
                holder = ResolvedTenant{t.ancestors.at(i), t.ancestors.mid(0, i)};
        }
        if (!holder) {
            const Result<Tenant> h = waitFor(store->tenant(t.tenant.heldBy));
            if (!h.ok())
                return m_app.fail(h.error());
            const Result<ResolvedTenant> r = TenantResolver(*store).withAncestors(h.value());
            if (!r.ok())
                return m_app.fail(r.error());
            holder = r.value();
        }
    }
    const TenantSettings settings = TenantSettings::fromJson(t.tenant.settings);
    const QString ownState = t.tenant.ownState ? lifecycleStateKey(*t.tenant.ownState) : QString();

    if (m_app.m_json) {
        QJsonArray timeline;
        for (const LifecycleEvent &e : history.value()) {
            timeline.append(QJsonObject{
                {QStringLiteral("at"), timeJson(e.at)},
                {QStringLiteral("from"), e.from ? QJsonValue(lifecycleStateKey(*e.from)) : QJsonValue()},
                {QStringLiteral("to"), lifecycleStateKey(e.to)},
                {QStringLiteral("actor"), e.actor},
                {QStringLiteral("reason"), e.reason.isEmpty() ? QJsonValue() : QJsonValue(e.reason)},
                {QStringLiteral("cascade_root"), idJson(e.cascadeRoot)},
                {QStringLiteral("via"), e.cascadeRoot.isNull() ? QJsonValue() : QJsonValue(e.cascadeRootSlug)}});
        }
        QJsonValue heldBy;
        if (holder) {
            heldBy = QJsonObject{{QStringLiteral("id"), idText(holder->tenant.id)},
                                 {QStringLiteral("path"), holder->path()},
                                 {QStringLiteral("state"), lifecycleStateKey(holder->tenant.state)}};
        }
        m_app.printJson(
            QJsonObject{{QStringLiteral("id"), idText(t.tenant.id)},
                        {QStringLiteral("path"), t.path()},
                        {QStringLiteral("state"), lifecycleStateKey(t.tenant.state)},
                        {QStringLiteral("state_changed_at"), timeJson(t.tenant.stateChangedAt)},
                        {QStringLiteral("held_by"), heldBy},
                        {QStringLiteral("own_state"), ownState.isEmpty() ? QJsonValue() : QJsonValue(ownState)},
                        {QStringLiteral("purge_after"), timeJson(t.tenant.purgeAfter)},
                        {QStringLiteral("purged_at"), timeJson(t.tenant.purgedAt)},
                        {QStringLiteral("prevent_deletion"), settings.preventDeletion},
                        {QStringLiteral("retention_days"), settings.retentionDays},
                        {QStringLiteral("timeline"), timeline}});
        return 0;
    }

    const QString dash = QStringLiteral("-");
    const QString heldByText =
        holder ? QStringLiteral("%1 (%2)").arg(holder->path(), lifecycleStateKey(holder->tenant.state)) : dash;
    QString text = keyValues(
        {{QStringLiteral("tenant"), t.path()},
         {QStringLiteral("id"), idText(t.tenant.id)},
         {QStringLiteral("state"), lifecycleStateKey(t.tenant.state)},
         {QStringLiteral("since"), timeText(t.tenant.stateChangedAt)},
         {QStringLiteral("held by"), heldByText},
         {QStringLiteral("own state"), ownState.isEmpty() ? dash : ownState},
         {QStringLiteral("purge after"), timeText(t.tenant.purgeAfter)},
         {QStringLiteral("purged at"), timeText(t.tenant.purgedAt)},
         {QStringLiteral("prevent deletion"), settings.preventDeletion ? QStringLiteral("yes") : QStringLiteral("no")},
         {QStringLiteral("retention"), counted(settings.retentionDays, QStringLiteral("day"))}});
    QList<QStringList> rows;
    for (const LifecycleEvent &e : history.value()) {
        rows.append({timeText(e.at), e.from ? lifecycleStateKey(*e.from) : QStringLiteral("(created)"),
                     lifecycleStateKey(e.to), e.actor, e.reason.isEmpty() ? dash : e.reason,
                     e.cascadeRoot.isNull() ? QString() : QStringLiteral("via ") + e.cascadeRootSlug});
    }
    text += QStringLiteral("\n\nTimeline:\n");
    text += table({QStringLiteral("AT"), QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("ACTOR"),
                   QStringLiteral("REASON"), QStringLiteral("CASCADE")},
                  rows);
    m_app.print(text);
    return 0;
}

int LifecycleCommands::transition(LifecycleAction action)
{
    const bool deleting = action == LifecycleAction::Delete;
    const QString verb = lifecycleActionKey(action);
    const LifecycleState to = targetState(action);

    QString problem;
    const std::optional<QString> reason = m_app.takeValue(QStringLiteral("--reason"), &problem);
    QStringList confirmations;
    if (deleting) {
        while (const std::optional<QString> c = m_app.takeValue(QStringLiteral("--confirm"), &problem))
            confirmations.append(*c);
    }
    const bool dryRun = m_app.takeFlag(QStringLiteral("--dry-run"));
    QStringList names;
    // One or more tenants: as many names as are left, at least one.
    const QStringList wanted(std::max<qsizetype>(1, m_app.m_args.size()), QStringLiteral("TENANT"));
    if (!m_app.takePositional(wanted, &names, &problem))
        return m_app.failUsage(problem);
    if (!reason)
        return m_app.failUsage(QStringLiteral("lifecycle %1 needs --reason TEXT").arg(verb));
    if (deleting && confirmations.isEmpty())
        return m_app.failUsage(
            QStringLiteral("lifecycle delete needs --confirm SLUG: the slug of the tenant typed again"));
    if (deleting && confirmations.size() != names.size())
        return m_app.failUsage(QStringLiteral("lifecycle delete needs one --confirm SLUG per tenant, in the same order "
                                              "(%1, %2 --confirm)")
                                   .arg(counted(names.size(), QStringLiteral("tenant")))
                                   .arg(confirmations.size()));

    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    TenantResolver resolver(*store);
    QList<ResolvedTenant> targets;
    QSet<QUuid> requested;
    for (const QString &name : std::as_const(names)) {
        const Result<ResolvedTenant> r = resolver.resolve(name);
        if (!r.ok())
            return m_app.fail(r.error());
        if (requested.contains(r->tenant.id))
            return m_app.fail(Error::validation(QStringLiteral("%1 is named twice.").arg(r->path())));
        requested.insert(r->tenant.id);
        targets.append(r.value());
    }

    // The domain's rules first, for a clear message; the database has the last word.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const ResolvedTenant &t = targets.at(i);
        const TenantSettings settings = TenantSettings::fromJson(t.tenant.settings);
        TransitionInput input;
        input.from = t.tenant.state;
        input.to = to;
        input.slug = t.tenant.slug;
        input.reason = *reason;
        input.typedConfirmation = deleting ? confirmations.at(i) : QString();
        input.preventDeletion = settings.preventDeletion;
        input.purgeAfter = t.tenant.purgeAfter;
        input.purged = t.tenant.isPurged();
        input.now = now;
        if (!t.ancestors.isEmpty()) {
            // A parent in the same request (or released by one) is in the target state by then.
            const Tenant &parent = t.ancestors.last();
            LifecycleState parentState = parent.state;
            if (requested.contains(parent.id))
                parentState = to;
            else if (to == LifecycleState::Active && requested.contains(parent.heldBy)
                     && parent.ownState == LifecycleState::Active)
                parentState = LifecycleState::Active;
            input.parentState = parentState;
        }
        if (deleting && input.typedConfirmation != input.slug) {
            return m_app.fail(Error::validation(transitionBlockMessage(TransitionBlock::ConfirmationWrong, input)));
        }
        if (t.tenant.state == to)
            continue; // already there: the store skips it and says so
        if (!isActionAllowed(action, t.tenant.state)) {
            QString message = QStringLiteral("Cannot %1 %2: it is %3, and %1 applies to %4 tenants.")
                                  .arg(verb, t.path(), lifecycleStateKey(t.tenant.state), statesFor(action));
            if (const std::optional<LifecycleAction> instead = actionFor(t.tenant.state, to))
                message += QStringLiteral(" Use \"tenantctl lifecycle %1\".").arg(lifecycleActionKey(*instead));
            return m_app.fail(Error::validation(message));
        }
        const TransitionBlock block = checkTransition(input);
        if (block != TransitionBlock::Ok)
            return m_app.fail(Error::validation(transitionBlockMessage(block, input)));
    }

    LifecycleRequest request;
    request.to = to;
    request.reason = *reason;
    for (const ResolvedTenant &t : std::as_const(targets))
        request.tenants.append(LifecycleTarget{t.tenant.id, t.tenant.version});
    const Result<LifecycleReport> result =
        waitFor(dryRun ? store->previewLifecycle(request) : store->changeLifecycle(request));
    if (!result.ok())
        return m_app.fail(result.error());
    const LifecycleReport &report = result.value();

    // Paths of the changed tenants: the requested ones are known, a cascaded one is its
    // parent's path and its slug. The changes come in the order the database made them, so a
    // parent is looked up among them first and read only when it is not there.
    QHash<QUuid, QString> paths;
    for (const ResolvedTenant &t : std::as_const(targets)) {
        paths.insert(t.tenant.id, t.path());
        for (qsizetype i = 0; i < t.ancestors.size(); ++i)
            paths.insert(t.ancestors.at(i).id, ResolvedTenant{t.ancestors.at(i), t.ancestors.mid(0, i)}.path());
    }
    QHash<QUuid, const LifecycleChange *> changedById;
    for (const LifecycleChange &c : report.changes)
        changedById.insert(c.id, &c);
    std::function<QString(const QUuid &)> pathOf = [&](const QUuid &id) -> QString {
        if (id.isNull())
            return {};
        if (const auto it = paths.constFind(id); it != paths.cend())
            return *it;
        QString path;
        if (const LifecycleChange *c = changedById.value(id)) {
            path = TenantResolver::joinPath(pathOf(c->parentId), c->slug);
        } else {
            const Result<Tenant> t = waitFor(store->tenant(id));
            path = t.ok() ? TenantResolver::joinPath(pathOf(t->parentId), t->slug) : idText(id);
        }
        paths.insert(id, path);
        return path;
    };
    QStringList changedPaths;
    for (const LifecycleChange &c : report.changes)
        changedPaths.append(pathOf(c.id));
    QStringList skippedPaths;
    for (const QUuid &id : report.skipped)
        skippedPaths.append(pathOf(id));

    if (m_app.m_json) {
        QJsonArray changes;
        for (qsizetype i = 0; i < report.changes.size(); ++i) {
            const LifecycleChange &c = report.changes.at(i);
            changes.append(QJsonObject{
                {QStringLiteral("id"), idText(c.id)},
                {QStringLiteral("parent_id"), idJson(c.parentId)},
                {QStringLiteral("slug"), c.slug},
                {QStringLiteral("path"), changedPaths.at(i)},
                {QStringLiteral("from"), lifecycleStateKey(c.from)},
                {QStringLiteral("to"), lifecycleStateKey(c.to)},
                {QStringLiteral("cascade_root"), idJson(c.cascadeRoot)},
                {QStringLiteral("via"), c.cascadeRoot.isNull() ? QJsonValue() : QJsonValue(pathOf(c.cascadeRoot))}});
        }
        QJsonArray skipped;
        for (qsizetype i = 0; i < report.skipped.size(); ++i) {
            skipped.append(QJsonObject{{QStringLiteral("id"), idText(report.skipped.at(i))},
                                       {QStringLiteral("path"), skippedPaths.at(i)}});
        }
        m_app.printJson(QJsonObject{{QStringLiteral("action"), verb},
                                    {QStringLiteral("to"), lifecycleStateKey(report.to)},
                                    {QStringLiteral("dry_run"), dryRun},
                                    {QStringLiteral("committed"), report.committed},
                                    {QStringLiteral("changes"), changes},
                                    {QStringLiteral("skipped"), skipped},
                                    {QStringLiteral("requested"), report.requestedCount()},
                                    {QStringLiteral("cascaded"), report.cascadedCount()},
                                    {QStringLiteral("memories"), report.memories},
                                    {QStringLiteral("memory_bytes"), report.memoryBytes},
                                    {QStringLiteral("usage_samples"), report.usageSamples},
                                    {QStringLiteral("purge_after"), timeJson(report.purgeAfter)},
                                    {QStringLiteral("allowance"), allowanceJson(report.allowance)},
                                    {QStringLiteral("refusal"), errorJson(report.refusal)}});
        return report.refusal ? m_app.fail(*report.refusal) : 0;
    }
    if (report.refusal)
        return m_app.fail(*report.refusal);

    QStringList requestedPaths;
    for (qsizetype i = 0; i < report.changes.size(); ++i) {
        if (report.changes.at(i).cascadeRoot.isNull())
            requestedPaths.append(changedPaths.at(i));
    }
    const QString stateKey = lifecycleStateKey(to);
    const QString already = skippedPaths.isEmpty()
        ? QString()
        : QStringLiteral("%1 %2 already %3")
              .arg(joinedAnd(skippedPaths), skippedPaths.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                   stateKey);
    if (report.changes.isEmpty()) {
        m_app.print(QStringLiteral("%1; nothing %2.")
                        .arg(already, dryRun ? QStringLiteral("would change") : QStringLiteral("changed")));
        return 0;
    }
    const int cascaded = report.cascadedCount();
    const QString who = joinedAnd(requestedPaths)
        + (cascaded > 0 ? QStringLiteral(" and ") + counted(cascaded, QStringLiteral("sub-tenant")) : QString());
    QStringList lines;
    if (dryRun) {
        lines.append(QStringLiteral("Would %1 %2; nothing was changed.").arg(verb, who));
        QList<QStringList> rows;
        for (qsizetype i = 0; i < report.changes.size() && i < kListedChanges; ++i) {
            const LifecycleChange &c = report.changes.at(i);
            rows.append({changedPaths.at(i), lifecycleStateKey(c.from), lifecycleStateKey(c.to),
                         c.cascadeRoot.isNull() ? QString() : QStringLiteral("via ") + pathOf(c.cascadeRoot)});
        }
        lines.append(table(
            {QStringLiteral("TENANT"), QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("CASCADE")}, rows));
        if (report.changes.size() > kListedChanges)
            lines.append(
                QStringLiteral("... and %1 more (--json lists them all)").arg(report.changes.size() - kListedChanges));
    } else {
        lines.append(QStringLiteral("%1 %2.").arg(pastTense(action), who));
    }
    if (!already.isEmpty())
        lines.append(already + u'.');
    if (dryRun) {
        lines.append(QStringLiteral("Data held: %1 (%2) and %3.")
                         .arg(counted(report.memories, QStringLiteral("memory"), QStringLiteral("memories")),
                              formatQuantity(report.memoryBytes, ResourceUnit::Bytes),
                              counted(report.usageSamples, QStringLiteral("usage sample"))));
    }
    if (to == LifecycleState::Deleted) {
        lines.append(QStringLiteral("The data %1 kept until %2 and can be restored until then (\"tenantctl lifecycle "
                                    "restore\"); \"tenantctl lifecycle purge\" removes it after that.")
                         .arg(dryRun ? QStringLiteral("would be") : QStringLiteral("is"), timeText(report.purgeAfter)));
    }
    // Deleting uses up the cap, restoring a deleted tenant gives some back.
    const bool deletedBefore = std::any_of(report.changes.cbegin(), report.changes.cend(),
                                           [](const LifecycleChange &c) { return c.from == LifecycleState::Deleted; });
    if (to == LifecycleState::Deleted)
        lines.append(allowanceText(
            report.allowance, dryRun ? QStringLiteral("Deletion cap after this") : QStringLiteral("Deletion cap")));
    else if (dryRun && deletedBefore)
        lines.append(allowanceText(report.allowance, QStringLiteral("Deletion cap after this")));
    m_app.print(lines.join(u'\n'));
    return 0;
}

int LifecycleCommands::purge()
{
    QString problem;
    const std::optional<QString> batchText = m_app.takeValue(QStringLiteral("--batch"), &problem);
    QStringList positional;
    if (!m_app.takePositional({}, &positional, &problem))
        return m_app.failUsage(problem);
    int batch = kDefaultPurgeBatch;
    if (batchText) {
        bool ok = false;
        batch = batchText->toInt(&ok);
        if (!ok || batch < 1)
            return m_app.failUsage(
                QStringLiteral("--batch takes a whole number of rows, at least 1, not \"%1\"").arg(*batchText));
    }

    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    // Installed before the purge starts, so a Ctrl+C at any point of it stops it cleanly.
    const InterruptGuard interrupts;
    QFuture<Result<PurgeReport>> future = store->purgeDue(batch);
    waitCancellable(future, [this] {
        // Whoever pressed Ctrl+C learns it was heard (scripts reading --json get the error only).
        if (!m_app.m_json)
            QTextStream(stderr) << "tenantctl: stopping after the current batch (Ctrl+C again stops at once)"
                                << Qt::endl;
    });
    if (future.resultCount() == 0) {
        // Cancelled: the store stopped after a whole batch and its report was dropped.
        QString done;
        if (future.progressMaximum() > 0)
            done = QStringLiteral("%1 of %2 finished")
                       .arg(future.progressValue())
                       .arg(counted(future.progressMaximum(), QStringLiteral("tenant")));
        return m_app.fail(purgeInterrupted(done));
    }
    const Result<PurgeReport> result = future.result();
    if (!result.ok())
        return m_app.fail(result.error());
    const PurgeReport &report = result.value();

    if (m_app.m_json) {
        QJsonArray tenants;
        for (const PurgedTenant &t : report.tenants) {
            tenants.append(QJsonObject{{QStringLiteral("id"), idText(t.id)},
                                       {QStringLiteral("slug"), t.slug},
                                       {QStringLiteral("memories"), t.memories},
                                       {QStringLiteral("usage_samples"), t.usageSamples},
                                       {QStringLiteral("finished"), t.finished}});
        }
        m_app.printJson(QJsonObject{{QStringLiteral("tenants"), tenants},
                                    {QStringLiteral("memories"), report.memories()},
                                    {QStringLiteral("usage_samples"), report.usageSamples()},
                                    {QStringLiteral("finished"), report.finishedCount()},
                                    {QStringLiteral("held"), report.held},
                                    {QStringLiteral("cancelled"), report.cancelled}});
    } else {
        QStringList lines;
        if (report.tenants.isEmpty()) {
            lines.append(QStringLiteral("Nothing to purge."));
        } else {
            QList<QStringList> rows;
            for (const PurgedTenant &t : report.tenants) {
                rows.append({t.slug, idText(t.id), QString::number(t.memories), QString::number(t.usageSamples),
                             t.finished ? QStringLiteral("purged, tombstone kept") : QStringLiteral("partly purged")});
            }
            lines.append(table({QStringLiteral("TENANT"), QStringLiteral("ID"), QStringLiteral("MEMORIES"),
                                QStringLiteral("USAGE SAMPLES"), QStringLiteral("STATE")},
                               rows, {2, 3}));
            lines.append(QStringLiteral("Purged %1: %2 and %3 removed; the tombstones and the audit trail stay.")
                             .arg(counted(report.finishedCount(), QStringLiteral("tenant")),
                                  counted(report.memories(), QStringLiteral("memory"), QStringLiteral("memories")),
                                  counted(report.usageSamples(), QStringLiteral("usage sample"))));
        }
        if (report.held > 0) {
            lines.append(QStringLiteral("%1 past the purge date %2 protected from deletion (a legal hold) and %3 kept.")
                             .arg(counted(report.held, QStringLiteral("tenant")),
                                  report.held == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                                  report.held == 1 ? QStringLiteral("was") : QStringLiteral("were")));
        }
        m_app.print(lines.join(u'\n'));
    }
    if (report.cancelled) {
        return m_app.fail(purgeInterrupted(
            QStringLiteral("%1 finished").arg(counted(report.finishedCount(), QStringLiteral("tenant")))));
    }
    return 0;
}

int LifecycleCommands::cap()
{
    QString problem;
    const std::optional<QString> percentArg = m_app.takeValue(QStringLiteral("--percent"), &problem);
    QStringList positional;
    if (!m_app.takePositional({}, &positional, &problem))
        return m_app.failUsage(problem);
    std::optional<double> percent;
    if (percentArg) {
        QString text = percentArg->trimmed();
        if (text.endsWith(u'%'))
            text = text.chopped(1).trimmed();
        bool ok = false;
        const double p = text.toDouble(&ok);
        if (!ok || !std::isfinite(p))
            return m_app.failUsage(
                QStringLiteral("--percent takes a number from 0 to 100, not \"%1\"").arg(*percentArg));
        if (p < 0 || p > 100)
            return m_app.fail(Error::validation(
                QStringLiteral("The deletion cap is a share of the tenants from 0 to 100 %; %1 is outside it.")
                    .arg(*percentArg)));
        percent = p;
    }

    Error error;
    auto store = m_app.connectData(&error);
    if (!store)
        return m_app.fail(error);
    const Result<DeletionAllowance> allowance =
        waitFor(percent ? store->setDeletionCap(*percent) : store->deletionAllowance());
    if (!allowance.ok())
        return m_app.fail(allowance.error());
    if (m_app.m_json) {
        QJsonObject o = allowanceJson(allowance.value());
        o.insert(QStringLiteral("changed"), percent.has_value());
        m_app.printJson(o);
        return 0;
    }
    QString text = allowanceText(allowance.value());
    if (percent)
        text.prepend(QStringLiteral("Set the deletion cap to %1.\n").arg(percentText(allowance->percent)));
    m_app.print(text);
    return 0;
}

} // namespace tc
