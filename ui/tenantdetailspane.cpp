#include "ui/tenantdetailspane.h"

#include "models/domain/lifecycle.h"
#include "models/domain/resourceunit.h"
#include "models/items/tenanttreemodel.h"
#include "ui/lifecycletimeline.h"
#include "ui/quotaeditor.h"
#include "ui/tenanttreedelegate.h"
#include "ui/usagetab.h"

#include <QAction>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString when(const QDateTime &at)
{
    if (!at.isValid())
        return QStringLiteral("–");
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

TenantDetailsPane::TenantDetailsPane(QWidget *parent) : QWidget(parent)
{
    m_placeholder = new QLabel(tr("Select a tenant to see its details."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    auto *page = new QWidget;
    auto *content = new QWidget;
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path = valueLabel(page);
    m_path->setEnabled(false);
    m_state = new QLabel(page);
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setMinimumWidth(90);

    m_lifecycleMenu = new QMenu(this);
    m_lifecycleMenu->setToolTipsVisible(true);
    m_lifecycleMenuButton = new QToolButton(page);
    m_lifecycleMenuButton->setObjectName(QStringLiteral("lifecycleMenuButton"));
    m_lifecycleMenuButton->setToolTip(tr("Suspend, resume, archive, restore or delete the selected tenants"));
    m_lifecycleMenuButton->setPopupMode(QToolButton::InstantPopup);
    // The arrow in the text: Fusion draws its indicator over the last letters.
    m_lifecycleMenuButton->setText(tr("Lifecycle ▾"));
    m_lifecycleMenuButton->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_lifecycleMenuButton->setMenu(m_lifecycleMenu);
    m_lifecycleMenuButton->hide(); // until there are actions

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_state, 0, Qt::AlignTop);
    titleRow->addWidget(m_lifecycleMenuButton, 0, Qt::AlignTop);

    auto *identity = new QGroupBox(tr("Tenant"), content);
    auto *identityForm = new QFormLayout(identity);
    identityForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    identityForm->addRow(tr("Slug:"), m_slug = valueLabel(identity));
    identityForm->addRow(tr("ID:"), m_id = valueLabel(identity));
    identityForm->addRow(tr("Tier:"), m_tier = valueLabel(identity));
    identityForm->addRow(tr("Sub-tenants:"), m_children = valueLabel(identity));
    identityForm->addRow(tr("Created:"), m_created = valueLabel(identity));
    identityForm->addRow(tr("Last changed:"), m_updated = valueLabel(identity));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_id->setFont(mono);
    // Identifiers break at their hyphens otherwise, and the second line is cut off.
    m_id->setWordWrap(false);
    m_slug->setWordWrap(false);

    auto *lifecycle = new QGroupBox(tr("Lifecycle"), content);
    auto *lifecycleForm = new QFormLayout(lifecycle);
    lifecycleForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    lifecycleForm->addRow(tr("In this state since:"), m_stateSince = valueLabel(lifecycle));
    lifecycleForm->addRow(tr("Data purged after:"), m_purgeAfter = valueLabel(lifecycle));
    lifecycleForm->addRow(tr("Retention after delete:"), m_retention = valueLabel(lifecycle));
    lifecycleForm->addRow(tr("Deletion protection:"), m_protection = valueLabel(lifecycle));

    auto *settings = new QGroupBox(tr("Features"), content);
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->addWidget(m_features = valueLabel(settings));

    auto *usage = new QGroupBox(tr("Usage now"), content);
    auto *usageForm = new QFormLayout(usage);
    usageForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_items = addUsageRow(usageForm, tr("Items:"));
    m_storage = addUsageRow(usageForm, tr("Storage:"));

    auto *layout = new QVBoxLayout(content);
    layout->addWidget(usage);
    layout->addWidget(identity);
    layout->addWidget(lifecycle);
    layout->addWidget(settings);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_quotas = new QuotaEditor(page);
    m_quotas->setObjectName(QStringLiteral("quotaEditor"));
    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("&Details"));
    m_tabs->addTab(m_quotas, tr("&Quotas"));
    m_tabs->setTabToolTip(1, tr("Limits of every resource, own or inherited, with usage; edit and apply them here"));

    auto *lifecyclePage = new QWidget(page);
    lifecyclePage->setObjectName(QStringLiteral("lifecyclePage"));
    m_timeline = new LifecycleTimeline(lifecyclePage);
    m_timeline->setObjectName(QStringLiteral("lifecycleTimeline"));
    m_lifecycleButtonRow = new QHBoxLayout;
    m_lifecycleButtonRow->setSpacing(4);
    m_lifecycleButtonRow->addStretch(1);
    auto *lifecycleLayout = new QVBoxLayout(lifecyclePage);
    lifecycleLayout->setContentsMargins(0, 6, 0, 0);
    lifecycleLayout->addLayout(m_lifecycleButtonRow);
    lifecycleLayout->addWidget(m_timeline, 1);
    m_tabs->addTab(lifecyclePage, tr("&Lifecycle"));
    m_tabs->setTabToolTip(2, tr("The state, what holds it there, and every state change: who, when, from, to and why"));

    m_usage = new UsageTab(page);
    m_usage->setObjectName(QStringLiteral("usageTab"));
    m_tabs->addTab(m_usage, tr("&Usage"));
    m_tabs->setTabToolTip(3, tr("Usage over time next to the limit and its thresholds, by resource or by sub-tenant"));

    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(6, 6, 6, 0);
    pageLayout->addLayout(titleRow);
    pageLayout->addWidget(m_path);
    pageLayout->addSpacing(4);
    pageLayout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    setMinimumWidth(320);
}

TenantDetailsPane::UsageRow TenantDetailsPane::addUsageRow(QFormLayout *form, const QString &label)
{
    UsageRow row;
    auto *box = new QWidget;
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    row.text = valueLabel(box);
    row.bar = new QProgressBar(box);
    row.bar->setRange(0, 1000);
    row.bar->setTextVisible(false);
    row.bar->setMaximumHeight(8);
    v->addWidget(row.text);
    v->addWidget(row.bar);
    form->addRow(label, box);
    return row;
}

void TenantDetailsPane::showUsage(UsageRow &row, const UsageLimit &usage, bool bytes)
{
    const ResourceUnit unit = bytes ? ResourceUnit::Bytes : ResourceUnit::Count;
    const auto fraction = usage.fraction();
    if (!usage.used) {
        row.text->setText(tr("No usage reported yet"));
    } else if (!usage.limit) {
        row.text->setText(tr("%1 of unlimited").arg(formatQuantity(*usage.used, unit)));
    } else {
        row.text->setText(tr("%1 of %2 (%3 %)")
                              .arg(formatQuantity(*usage.used, unit), formatQuantity(*usage.limit, unit))
                              .arg(qRound(*fraction * 100)));
    }
    row.bar->setVisible(fraction.has_value());
    if (fraction) {
        row.bar->setValue(int(std::min(1.0, *fraction) * 1000));
        QPalette p = row.bar->palette();
        p.setColor(QPalette::Highlight, TenantTreeDelegate::usageColor(*fraction));
        row.bar->setPalette(p);
        row.bar->setToolTip(*fraction >= 1.0 ? tr("Over the limit") : *fraction >= 0.8 ? tr("Nearing the limit")
                                                                                        : QString());
    }
}

void TenantDetailsPane::setStore(TenantStore *store, UsageSource *usageSource)
{
    m_quotas->setStore(store);
    m_timeline->setStore(store);
    m_usage->setStore(store, usageSource);
}

void TenantDetailsPane::setReadOnly(bool readOnly)
{
    m_quotas->setReadOnly(readOnly);
    updateLifecycleButtons();
}

void TenantDetailsPane::setLifecycleActions(const QList<QAction *> &actions)
{
    qDeleteAll(m_lifecycleButtons);
    m_lifecycleButtons.clear();
    m_lifecycleMenu->clear();
    m_lifecycleActions = actions;
    for (QAction *action : actions) {
        m_lifecycleMenu->addAction(action);
        auto *button = new QToolButton(m_timeline->parentWidget());
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_lifecycleButtonRow->insertWidget(m_lifecycleButtonRow->count() - 1, button);
        m_lifecycleButtons << button;
    }
    m_lifecycleMenuButton->setVisible(!actions.isEmpty());
    updateLifecycleButtons();
}

void TenantDetailsPane::updateLifecycleButtons()
{
    // The transitions the shown tenant's state allows; whether they are enabled (role,
    // parent, protection, retention) is the action's business, its tooltip says why not.
    for (int i = 0; i < m_lifecycleButtons.size(); ++i) {
        const QVariant which = m_lifecycleActions.at(i)->data();
        const bool applies = !m_tenant.id.isNull() && which.canConvert<LifecycleAction>()
                             && isActionAllowed(which.value<LifecycleAction>(), m_tenant.state) && !m_tenant.isPurged();
        m_lifecycleButtons.at(i)->setVisible(applies);
    }
}

void TenantDetailsPane::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void TenantDetailsPane::setTenant(const Tenant &tenant, const QString &path)
{
    if (tenant.id.isNull()) {
        setPlaceholder(tr("Select a tenant to see its details."));
        m_tenant = Tenant();
        m_timeline->setTenant(m_tenant);
        m_usage->setTenant(m_tenant);
        return;
    }
    m_stack->setCurrentIndex(1);
    m_title->setText(tenant.displayName);
    m_path->setText(tenant.isTopLevel() ? tr("Top-level tenant") : path);
    const QString stateKey = lifecycleStateKey(tenant.state);
    const QColor stateColor = TenantTreeDelegate::stateColor(stateKey);
    m_state->setText(tenant.isPurged() ? tr("Purged") : TenantTreeModel::stateDisplayName(tenant.state));
    m_state->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 9px; "
                                          "padding: 2px 10px; font-weight: bold; }")
                               .arg(stateColor.name()));
    m_slug->setText(tenant.slug);
    m_id->setText(tenant.id.toString(QUuid::WithoutBraces));
    m_tier->setText(TenantTreeModel::tierDisplayName(tenant.tier));
    m_children->setText(tenant.childCount == 0 ? tr("none") : QLocale().toString(tenant.childCount));
    m_created->setText(when(tenant.createdAt));
    m_updated->setText(tr("%1 (version %2)").arg(when(tenant.updatedAt)).arg(tenant.version));
    m_stateSince->setText(when(tenant.stateChangedAt));
    if (tenant.isPurged())
        m_purgeAfter->setText(tr("Purged on %1; only its record is left").arg(when(tenant.purgedAt)));
    else
        m_purgeAfter->setText(tenant.purgeAfter.isValid() ? when(tenant.purgeAfter) : tr("not scheduled"));
    const int retention = tenant.settings.value(QLatin1String("retention_days")).toInt(90);
    m_retention->setText(tr("Data kept %1 days after deletion").arg(retention));
    m_protection->setText(tenant.settings.value(QLatin1String("prevent_deletion")).toBool()
                              ? tr("On: this tenant cannot be deleted")
                              : tr("Off"));

    QStringList features;
    for (const QJsonValue &f : tenant.settings.value(QLatin1String("features")).toArray())
        features << f.toString();
    const bool inherits = tenant.settings.value(QLatin1String("inherit_features")).toBool();
    if (inherits)
        m_features->setText(tr("Inherited from the parent tenant"));
    else if (features.isEmpty())
        m_features->setText(tr("No optional features enabled"));
    else
        m_features->setText(features.join(QStringLiteral(", ")));

    showUsage(m_items, tenant.items, false);
    showUsage(m_storage, tenant.storage, true);
    m_quotas->setTenant(tenant);
    m_timeline->setTenant(tenant);
    m_usage->setTenant(tenant);
    m_tenant = tenant;
    updateLifecycleButtons();
}

} // namespace tc::ui
