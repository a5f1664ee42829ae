#include "ui/bulkquotadialog.h"

#include "models/items/deliver.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "models/store/tiercatalog.h"
#include "ui/errortext.h"
#include "ui/rollbackprogress.h"
#include "ui/tenantpicker.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tc::ui {

namespace {
enum Page { FormPage, SummaryPage };
enum Option { TierOption, ResourceOption, CopyOption };

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QLabel *summaryValue(const char *objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Units of the bundled resources, for when the catalog can't be read from the store: the
// keys say what they measure.
ResourceUnit unitOfKey(const QString &key)
{
    if (key.endsWith(QLatin1String("_bytes")))
        return ResourceUnit::Bytes;
    if (key.endsWith(QLatin1String("_per_minute")))
        return ResourceUnit::PerMinute;
    if (key.endsWith(QLatin1String("_seconds")))
        return ResourceUnit::Seconds;
    if (key.contains(QLatin1String("usd")))
        return ResourceUnit::Usd;
    return ResourceUnit::Count;
}
} // namespace

BulkQuotaDialog::BulkQuotaDialog(TenantStore *store, const QList<Tenant> &tenants, QWidget *parent)
    : QDialog(parent), m_store(store), m_tenants(tenants)
{
    setWindowTitle(tr("Apply Tier / Bulk Quotas"));
    setMinimumWidth(540);

    // --- the form ---
    auto *form = new QWidget(this);
    m_selection = new QLabel(form);
    m_selection->setObjectName(QStringLiteral("selectionSummary"));
    m_selection->setWordWrap(true);
    QFont bold = m_selection->font();
    bold.setBold(true);
    m_selection->setFont(bold);
    m_includeSubtrees = new QCheckBox(tr("Include &sub-tenants"), form);
    m_includeSubtrees->setObjectName(QStringLiteral("includeSubtrees"));
    m_includeSubtrees->setToolTip(tr("Apply the change to every tenant below the selected ones as well."));

    m_applyTier = new QRadioButton(tr("Apply a &tier"), form);
    m_applyTier->setObjectName(QStringLiteral("actionApplyTier"));
    m_applyTier->setToolTip(tr("Set the tier and every quota from its preset."));
    m_setResource = new QRadioButton(tr("Set &one resource"), form);
    m_setResource->setObjectName(QStringLiteral("actionSetResource"));
    m_setResource->setToolTip(tr("Set one resource's limit to the same value everywhere."));
    m_copyFrom = new QRadioButton(tr("&Copy quotas from a tenant"), form);
    m_copyFrom->setObjectName(QStringLiteral("actionCopyFrom"));
    m_copyFrom->setToolTip(tr("Give every selected tenant the same own limits and alert thresholds as another one."));
    m_actions = new QButtonGroup(this);
    m_actions->addButton(m_applyTier, TierOption);
    m_actions->addButton(m_setResource, ResourceOption);
    m_actions->addButton(m_copyFrom, CopyOption);
    m_applyTier->setChecked(true);
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_applyTier);
    actionRow->addWidget(m_setResource);
    actionRow->addWidget(m_copyFrom);
    actionRow->addStretch(1);

    // Options of each action.
    auto *tierPage = new QWidget(form);
    m_tier = new QComboBox(tierPage);
    m_tier->setObjectName(QStringLiteral("tier"));
    for (Tier tier : {Tier::Starter, Tier::Professional, Tier::Enterprise})
        m_tier->addItem(TenantTreeModel::tierDisplayName(tier), tierKey(tier));
    m_capAtParent = new QCheckBox(tr("Ca&p at the parent's limits"), tierPage);
    m_capAtParent->setObjectName(QStringLiteral("capAtParent"));
    m_capAtParent->setChecked(true);
    m_capAtParent->setToolTip(tr("A preset above a sub-tenant's parent limit is lowered to it. Without this, such a "
                                 "preset refuses the whole edit."));
    m_tierPreview = new QLabel(tierPage);
    m_tierPreview->setObjectName(QStringLiteral("tierPreview"));
    m_tierPreview->setTextFormat(Qt::RichText);
    auto *tierForm = new QFormLayout(tierPage);
    tierForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    tierForm->addRow(tr("T&ier:"), m_tier);
    tierForm->addRow(QString(), m_capAtParent);
    tierForm->addRow(tr("Its limits:"), m_tierPreview);

    auto *resourcePage = new QWidget(form);
    m_resource = new QComboBox(resourcePage);
    m_resource->setObjectName(QStringLiteral("resource"));
    m_resource->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_limit = new QLineEdit(resourcePage);
    m_limit->setObjectName(QStringLiteral("limit"));
    m_limit->setPlaceholderText(tr("e.g. 500 GB, 1.5M, inherit, unlimited"));
    m_limitMessage = new QLabel(resourcePage);
    m_limitMessage->setObjectName(QStringLiteral("limitMessage"));
    m_limitMessage->setWordWrap(true);
    m_limit->setMinimumWidth(m_limit->fontMetrics().averageCharWidth() * 32);
    auto *resourceForm = new QFormLayout(resourcePage);
    resourceForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    resourceForm->addRow(tr("&Resource:"), m_resource);
    resourceForm->addRow(tr("&Limit:"), m_limit);
    resourceForm->addRow(QString(), m_limitMessage);

    auto *copyPage = new QWidget(form);
    m_source = new TenantPicker(store, copyPage);
    m_source->setObjectName(QStringLiteral("sourcePicker"));
    auto *copyLabel = new QLabel(tr("Copy every own limit and alert threshold of:"), copyPage);
    copyLabel->setBuddy(m_source);
    auto *copyLayout = new QVBoxLayout(copyPage);
    copyLayout->addWidget(copyLabel);
    copyLayout->addWidget(m_source, 1);

    m_options = new QStackedWidget(form);
    m_options->addWidget(tierPage);
    m_options->addWidget(resourcePage);
    m_options->addWidget(copyPage);

    auto *change = new QGroupBox(tr("Change"), form);
    auto *changeLayout = new QVBoxLayout(change);
    changeLayout->addLayout(actionRow);
    changeLayout->addWidget(m_options, 1);

    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("bulkError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();
    m_progress = new QProgressBar(form);
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_progressText = new QLabel(form);
    m_progressText->setObjectName(QStringLiteral("bulkProgressText"));
    m_progressText->hide();

    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_selection);
    formLayout->addWidget(m_includeSubtrees);
    formLayout->addWidget(change, 1);
    formLayout->addWidget(m_error);
    formLayout->addWidget(m_progress);
    formLayout->addWidget(m_progressText);

    // --- the summary ---
    auto *summary = new QWidget(this);
    m_summaryTitle = new QLabel(summary);
    m_summaryTitle->setObjectName(QStringLiteral("summaryTitle"));
    m_summaryTitle->setWordWrap(true);
    m_summaryTitle->setFont(bold);
    m_figures = new QFormLayout;
    m_figures->addRow(tr("Tenants covered:"), m_summaryTenants = summaryValue("summaryTenants", summary));
    m_figures->addRow(tr("Tiers changed:"), m_summaryTiers = summaryValue("summaryTiers", summary));
    m_figures->addRow(tr("Quota rows written:"), m_summaryWritten = summaryValue("summaryWritten", summary));
    m_figures->addRow(tr("Already as requested:"), m_summaryUnchanged = summaryValue("summaryUnchanged", summary));
    m_figures->addRow(tr("Lowered to the parent's limit:"), m_summaryCapped = summaryValue("summaryCapped", summary));
    m_perResource = new QTableWidget(0, 2, summary);
    m_perResource->setObjectName(QStringLiteral("summaryPerResource"));
    m_perResource->setHorizontalHeaderLabels({tr("Resource"), tr("Rows written")});
    m_perResource->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_perResource->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_perResource->verticalHeader()->hide();
    m_perResource->verticalHeader()->setDefaultSectionSize(m_perResource->fontMetrics().height() + 8);
    m_perResource->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_perResource->setSelectionMode(QAbstractItemView::NoSelection);
    m_perResource->setAlternatingRowColors(true);
    auto *summaryLayout = new QVBoxLayout(summary);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_summaryTitle);
    summaryLayout->addLayout(m_figures);
    summaryLayout->addWidget(m_perResource, 1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(form);
    m_pages->addWidget(summary);

    m_buttons = new QDialogButtonBox(this);
    m_apply = m_buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &BulkQuotaDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &BulkQuotaDialog::reject);
    connect(m_actions, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (!checked)
            return;
        m_options->setCurrentIndex(id);
        if (id == CopyOption)
            m_source->setFocus();
        else if (id == ResourceOption)
            m_limit->setFocus();
        validate();
    });
    connect(m_includeSubtrees, &QCheckBox::toggled, this, &BulkQuotaDialog::updateSelectionText);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &BulkQuotaDialog::updateTierPreview);
    connect(m_resource, &QComboBox::currentIndexChanged, this, &BulkQuotaDialog::validate);
    connect(m_limit, &QLineEdit::textChanged, this, &BulkQuotaDialog::validate);
    connect(m_source, &TenantPicker::choiceChanged, this, &BulkQuotaDialog::validate);
    m_running = new RollbackProgress(&m_watcher, m_progress, m_progressText, m_cancel, [](int done, int total) {
        return tr("Writing quotas: %1 of %2 rows").arg(number(done), number(total));
    }, this);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BulkQuotaDialog::onFinished);

    setTabOrder(m_includeSubtrees, m_applyTier);
    setTabOrder(m_applyTier, m_setResource);
    setTabOrder(m_setResource, m_copyFrom);
    setTabOrder(m_copyFrom, m_tier);
    setTabOrder(m_tier, m_capAtParent);
    setTabOrder(m_capAtParent, m_resource);
    setTabOrder(m_resource, m_limit);

    updateSelectionText();
    updateTierPreview();
    loadResources();
    m_source->start();
    validate();
}

BulkQuotaDialog::~BulkQuotaDialog()
{
    // Closed while running: the store rolls the edit back in the background.
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

void BulkQuotaDialog::loadResources()
{
    m_resource->setEnabled(false);
    m_resource->addItem(tr("Loading…"));
    // The bundled presets name every resource, for when the store can't say more.
    QList<Resource> fallback;
    if (const TierPreset *preset = TierCatalog::preset(Tier::Starter)) {
        for (const auto &[key, limit] : preset->quotas)
            fallback.append({key, key, unitOfKey(key)});
    }
    if (!m_store || m_tenants.isEmpty()) {
        setResources(fallback);
        return;
    }
    detail::deliver(m_store->quotas(m_tenants.first().id), this, [this, fallback](const Result<QList<Quota>> &quotas) {
        if (!quotas.ok() || quotas->isEmpty()) {
            setResources(fallback);
            return;
        }
        QList<Resource> resources;
        for (const Quota &q : quotas.value())
            resources.append({q.resource, q.displayName, q.unit});
        setResources(resources);
    });
}

void BulkQuotaDialog::setResources(const QList<Resource> &resources)
{
    m_resources = resources;
    QSignalBlocker block(m_resource);
    m_resource->clear();
    for (const Resource &r : resources)
        m_resource->addItem(r.displayName, r.key);
    m_resource->setEnabled(!resources.isEmpty());
    updateTierPreview();
    validate();
}

void BulkQuotaDialog::updateTierPreview()
{
    const TierPreset *preset = TierCatalog::preset(tierFromKey(m_tier->currentData().toString()).value_or(Tier::Starter));
    if (!preset)
        return;
    QString rows; // empty until the catalog has arrived (a moment)
    for (const Resource &r : std::as_const(m_resources)) {
        const auto it = std::find_if(preset->quotas.cbegin(), preset->quotas.cend(),
                                     [&r](const auto &q) { return q.first == r.key; });
        if (it == preset->quotas.cend())
            continue;
        const QString value = it->second ? formatQuantity(*it->second, r.unit) : tr("unlimited");
        rows += QStringLiteral("<tr><td>%1</td><td align=\"right\">&nbsp;&nbsp;%2</td></tr>")
                    .arg(r.displayName.toHtmlEscaped(), value.toHtmlEscaped());
    }
    m_tierPreview->setText(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows));
}

QString BulkQuotaDialog::resourceName(const QString &key) const
{
    for (const Resource &r : m_resources) {
        if (r.key == key)
            return r.displayName;
    }
    return key;
}

void BulkQuotaDialog::updateSelectionText()
{
    const bool subtrees = m_includeSubtrees->isChecked();
    QString text;
    if (m_tenants.size() == 1) {
        const Tenant &t = m_tenants.first();
        if (!subtrees)
            text = tr("%1 (%2)").arg(t.displayName, t.slug);
        else if (t.childCount == 0)
            text = tr("%1 (%2); it has no sub-tenants").arg(t.displayName, t.slug);
        else
            text = tr("%1 (%2) and all its sub-tenants (%3 directly below it)")
                       .arg(t.displayName, t.slug, number(t.childCount));
    } else {
        text = subtrees ? tr("%1 tenants selected, and all their sub-tenants").arg(number(m_tenants.size()))
                        : tr("%1 tenants selected").arg(number(m_tenants.size()));
    }
    m_selection->setText(text);
}

QString BulkQuotaDialog::limitProblem(const QuantityParseError &error) const
{
    const QString name = m_resource->currentText();
    const QString offending = error.offending.isEmpty() ? m_limit->text().trimmed() : error.offending;
    switch (error.reason) {
    case QuantityParseError::Reason::Empty:
        return tr("Enter a limit: a quantity, \"inherit\" or \"unlimited\".");
    case QuantityParseError::Reason::NotANumber: return tr("\"%1\" is not a number.").arg(offending);
    case QuantityParseError::Reason::Negative: return tr("A limit can't be negative.");
    case QuantityParseError::Reason::UnknownSuffix: return tr("\"%1\" is not a unit of %2.").arg(offending, name);
    case QuantityParseError::Reason::TooLarge: return tr("\"%1\" is too large for a limit.").arg(offending);
    case QuantityParseError::Reason::Fractional:
        return tr("%1 is counted in whole units; \"%2\" is not a whole number of them.").arg(name, offending);
    }
    return {};
}

BulkQuotaRequest BulkQuotaDialog::request() const
{
    BulkQuotaRequest r;
    for (const Tenant &t : m_tenants)
        r.tenants.append(t.id);
    r.includeSubtrees = m_includeSubtrees->isChecked();
    switch (m_actions->checkedId()) {
    case TierOption:
        r.action = BulkQuotaRequest::Action::ApplyTier;
        r.tier = tierFromKey(m_tier->currentData().toString()).value_or(Tier::Starter);
        r.capAtParent = m_capAtParent->isChecked();
        break;
    case ResourceOption: {
        r.action = BulkQuotaRequest::Action::SetResource;
        r.resource = m_resource->currentData().toString();
        const int index = m_resource->currentIndex();
        const ResourceUnit unit = index >= 0 && index < m_resources.size() ? m_resources.at(index).unit : ResourceUnit::Count;
        const auto parsed = parseQuotaLimit(m_limit->text(), unit);
        if (const auto *limit = std::get_if<QuotaLimit>(&parsed))
            r.limit = *limit;
        break;
    }
    case CopyOption:
        r.action = BulkQuotaRequest::Action::CopyFrom;
        if (const auto source = m_source->chosen())
            r.source = source->tenant.id;
        break;
    }
    return r;
}

void BulkQuotaDialog::validate()
{
    bool ok = !m_tenants.isEmpty() && m_store;
    switch (m_actions->checkedId()) {
    case TierOption: break;
    case ResourceOption: {
        const int index = m_resource->currentIndex();
        if (index < 0 || index >= m_resources.size()) {
            ok = false;
            m_limitMessage->clear();
            break;
        }
        const Resource &resource = m_resources.at(index);
        const auto parsed = parseQuotaLimit(m_limit->text(), resource.unit);
        if (const auto *error = std::get_if<QuantityParseError>(&parsed)) {
            ok = false;
            const bool untouched = error->reason == QuantityParseError::Reason::Empty;
            m_limitMessage->setStyleSheet(untouched ? QString() : QStringLiteral("QLabel { color: #b3261e; }"));
            m_limitMessage->setText(limitProblem(*error));
            break;
        }
        const QuotaLimit limit = std::get<QuotaLimit>(parsed);
        m_limitMessage->setStyleSheet(QString());
        switch (limit.kind) {
        case QuotaLimit::Kind::Inherit:
            m_limitMessage->setText(tr("Removes the own limit: each tenant is bounded by its parent's."));
            break;
        case QuotaLimit::Kind::Unlimited:
            m_limitMessage->setText(tr("No limit; refused where a parent still limits %1.").arg(resource.displayName));
            break;
        case QuotaLimit::Kind::Value:
            m_limitMessage->setText(tr("Sets %1 to %2.").arg(resource.displayName, formatQuotaLimit(limit, resource.unit)));
            break;
        }
        break;
    }
    case CopyOption: ok = ok && m_source->chosen().has_value(); break;
    }
    m_apply->setEnabled(ok && !m_watcher.isRunning());
}

void BulkQuotaDialog::submit()
{
    if (!m_apply->isEnabled() || m_watcher.isRunning() || !m_store)
        return;
    m_error->hide();
    m_watcher.setFuture(m_store->bulkQuotas(request()));
    setRunning(true);
}

void BulkQuotaDialog::setRunning(bool running)
{
    m_running->setRunning(running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_includeSubtrees, m_applyTier, m_setResource, m_copyFrom, m_options})
        w->setEnabled(!running);
    validate();
}

void BulkQuotaDialog::reject()
{
    if (m_watcher.isRunning()) {
        m_running->stop();
        return;
    }
    QDialog::reject();
}

void BulkQuotaDialog::onFinished()
{
    setRunning(false);
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        showError(tr("Stopped. Nothing was changed."));
        return;
    }
    const Result<BulkQuotaReport> result = m_watcher.result();
    if (!result.ok()) {
        const Error &e = result.error();
        const QString words = e.kind == ErrorKind::Validation ? e.message : errorText(e);
        showError(QStringLiteral("<b>%1</b> %2").arg(tr("Nothing was changed.").toHtmlEscaped(), words.toHtmlEscaped()),
                  e.detail);
        return;
    }
    showSummary(result.value());
    Q_EMIT applied(result.value());
}

void BulkQuotaDialog::showError(const QString &html, const QString &detail)
{
    m_error->setText(html);
    m_error->setToolTip(detail);
    m_error->show();
}

void BulkQuotaDialog::showSummary(const BulkQuotaReport &report)
{
    const BulkQuotaRequest r = request();
    QString done;
    switch (r.action) {
    case BulkQuotaRequest::Action::ApplyTier: done = tr("The %1 tier was applied.").arg(m_tier->currentText()); break;
    case BulkQuotaRequest::Action::SetResource:
        done = tr("%1 was set to %2.").arg(m_resource->currentText(), m_limit->text().trimmed());
        break;
    case BulkQuotaRequest::Action::CopyFrom:
        done = tr("The quotas of %1 were copied.").arg(m_source->chosen() ? m_source->chosen()->tenant.slug : QString());
        break;
    }
    m_summaryTitle->setText(report.written == 0 && report.tiersChanged == 0
                                ? tr("%1 Every quota already held these values; nothing needed changing.").arg(done)
                                : tr("%1 All changes were made in one transaction.").arg(done));
    m_summaryTenants->setText(number(report.tenants));
    m_summaryTiers->setText(number(report.tiersChanged));
    m_summaryWritten->setText(number(report.written));
    m_summaryUnchanged->setText(number(report.unchanged));
    m_summaryCapped->setText(number(report.capped));
    m_figures->setRowVisible(m_summaryTiers, r.action == BulkQuotaRequest::Action::ApplyTier);
    m_figures->setRowVisible(m_summaryCapped, r.action == BulkQuotaRequest::Action::ApplyTier && r.capAtParent);
    m_perResource->setRowCount(0);
    for (const auto &[key, rows] : report.perResource) {
        const int row = m_perResource->rowCount();
        m_perResource->insertRow(row);
        auto *name = new QTableWidgetItem(resourceName(key));
        name->setData(Qt::UserRole, key);
        m_perResource->setItem(row, 0, name);
        auto *count = new QTableWidgetItem(number(rows));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_perResource->setItem(row, 1, count);
    }
    m_perResource->setVisible(!report.perResource.isEmpty());
    m_pages->setCurrentIndex(SummaryPage);
    m_apply->hide();
    m_cancel->setText(tr("&Close"));
    m_cancel->setFocus();
}

} // namespace tc::ui
