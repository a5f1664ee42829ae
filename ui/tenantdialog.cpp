#include "ui/tenantdialog.h"

#include "models/domain/validation.h"
#include "models/items/tenanttreemodel.h"
#include "ui/errortext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tc::ui {

namespace {
constexpr int kFeatureKeyRole = Qt::UserRole + 1;

// A note that asks for a look, not an error: after a reload that kept the operator's changes.
QString noticeBannerStyle()
{
    return QStringLiteral("QLabel { color: palette(window-text); background: #fdf3d0; border: 1px solid #e0c36a; "
                          "border-radius: 4px; padding: 6px; }");
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}
} // namespace

TenantDialog::TenantDialog(Mode mode, QWidget *parent) : QDialog(parent), m_mode(mode)
{
    switch (mode) {
    case Mode::NewTenant: setWindowTitle(tr("New Tenant")); break;
    case Mode::NewSubTenant: setWindowTitle(tr("New Sub-tenant")); break;
    case Mode::Edit: setWindowTitle(tr("Edit Tenant")); break;
    }
    const bool creating = mode != Mode::Edit;

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("tenantDialogIntro"));
    m_intro->setWordWrap(true);
    m_intro->setText(mode == Mode::NewTenant ? tr("Creates a tenant at the top level of the hierarchy.") : QString());
    m_intro->setVisible(!m_intro->text().isEmpty());

    m_slug = new QLineEdit(this);
    m_slug->setObjectName(QStringLiteral("slug"));
    m_slug->setMaxLength(kSlugMaxLength + 1); // one more, so an overlong paste is explained, not cut
    m_slug->setPlaceholderText(tr("e.g. acme-eu"));
    m_slug->setToolTip(tr("The tenant's identifier in URLs, the API and tenantctl: letters a–z, digits, "
                          "'_', '.' and '-', unique among its siblings."));
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setMaxLength(kDisplayNameMaxLength * 2);
    m_displayName->setPlaceholderText(tr("e.g. Acme Europe"));
    m_displayName->setToolTip(tr("The name people see, up to %1 characters.").arg(kDisplayNameMaxLength));
    m_tier = new QComboBox(this);
    m_tier->setObjectName(QStringLiteral("tier"));
    for (Tier tier : {Tier::Starter, Tier::Professional, Tier::Enterprise})
        m_tier->addItem(TenantTreeModel::tierDisplayName(tier), tierKey(tier));
    if (creating) {
        m_tier->setToolTip(tr("The service tier; its preset fills the quotas when chosen below."));
    } else {
        m_tier->setEnabled(false);
        m_tier->setToolTip(tr("Tier changes rewrite quotas: use Tenant › Apply Tier / Bulk Quotas (Ctrl+B)."));
    }

    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("validationMessage"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_validation->hide();

    auto *identity = new QGroupBox(tr("Tenant"), this);
    auto *identityForm = new QFormLayout(identity);
    identityForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    identityForm->addRow(tr("&Slug:"), m_slug);
    identityForm->addRow(tr("&Display name:"), m_displayName);
    identityForm->addRow(tr("&Tier:"), m_tier);
    identityForm->addRow(m_validation);

    m_features = new QListWidget(this);
    m_features->setObjectName(QStringLiteral("features"));
    m_features->setToolTip(tr("Platform features switched on for this tenant."));
    for (const QString &key : knownFeatures()) {
        auto *item = new QListWidgetItem(featureDisplayName(key), m_features);
        item->setData(kFeatureKeyRole, key);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_inherit = new QCheckBox(tr("&Inherit the parent's features"), this);
    m_inherit->setObjectName(QStringLiteral("inheritFeatures"));
    m_inherit->setToolTip(tr("Also enable every feature the parent tenant has, now and when it changes."));
    m_inherited = new QLabel(this);
    m_inherited->setObjectName(QStringLiteral("inheritedFeatures"));
    m_inherited->setWordWrap(true);
    m_inherited->setContentsMargins(22, 0, 0, 0);
    m_inherit->hide();
    m_inherited->hide();
    auto *features = new QGroupBox(tr("Features"), this);
    auto *featuresLayout = new QVBoxLayout(features);
    featuresLayout->addWidget(m_features);
    featuresLayout->addWidget(m_inherit);
    featuresLayout->addWidget(m_inherited);
    featuresLayout->addStretch(1);

    m_retention = new QSpinBox(this);
    m_retention->setObjectName(QStringLiteral("retentionDays"));
    m_retention->setRange(kMinRetentionDays, kMaxRetentionDays);
    m_retention->setValue(TenantSettings{}.retentionDays);
    m_retention->setSuffix(tr(" days"));
    m_retention->setToolTip(tr("How long a deleted tenant can be restored before its data is purged."));
    m_preventDeletion = new QCheckBox(tr("&Prevent deletion"), this);
    m_preventDeletion->setObjectName(QStringLiteral("preventDeletion"));
    m_preventDeletion->setToolTip(tr("Deleting this tenant is refused until this is cleared."));
    auto *lifecycle = new QGroupBox(tr("Deletion"), this);
    auto *lifecycleForm = new QFormLayout(lifecycle);
    lifecycleForm->addRow(tr("&Restorable for:"), m_retention);
    lifecycleForm->addRow(m_preventDeletion);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(identity);
    auto *columns = new QHBoxLayout;
    columns->addWidget(features, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(lifecycle);
    if (creating) {
        m_quotasPreset = new QRadioButton(this);
        m_quotasPreset->setObjectName(QStringLiteral("quotasFromPreset"));
        m_quotasInherit = new QRadioButton(this);
        m_quotasInherit->setObjectName(QStringLiteral("quotasInherit"));
        auto *quotas = new QGroupBox(tr("Quotas"), this);
        auto *quotasLayout = new QVBoxLayout(quotas);
        quotasLayout->addWidget(m_quotasPreset);
        quotasLayout->addWidget(m_quotasInherit);
        right->addWidget(quotas);
        (mode == Mode::NewTenant ? m_quotasPreset : m_quotasInherit)->setChecked(true);
        updateQuotaChoiceText();
        connect(m_tier, &QComboBox::currentIndexChanged, this, &TenantDialog::updateQuotaChoiceText);
    }
    right->addStretch(1);
    columns->addLayout(right);
    layout->addLayout(columns, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorMessage"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_reload = new QPushButton(tr("Re&load"), this);
    m_reload->setObjectName(QStringLiteral("reloadButton"));
    m_reload->setToolTip(tr("Read the tenant as it is now and keep what you changed on top of it."));
    auto *errorRow = new QHBoxLayout;
    errorRow->addWidget(m_error, 1);
    errorRow->addWidget(m_reload, 0, Qt::AlignVCenter);
    m_error->hide();
    m_reload->hide();
    layout->addLayout(errorRow);

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);
    m_busyBar->hide();
    layout->addWidget(m_busyBar);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->addButton(creating ? tr("&Create") : tr("&Save"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("okButton"));
    m_ok->setDefault(true);
    layout->addWidget(m_buttons);

    fitFeatureList();

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable() && !m_busy)
            Q_EMIT submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reload, &QPushButton::clicked, this, &TenantDialog::reloadRequested);
    connect(m_slug, &QLineEdit::textEdited, this, [this] {
        m_slugTouched = true;
        validate();
    });
    connect(m_displayName, &QLineEdit::textEdited, this, [this] {
        m_nameTouched = true;
        validate();
    });
    connect(m_features, &QListWidget::itemChanged, this, &TenantDialog::validate);
    connect(m_inherit, &QCheckBox::toggled, this, [this] {
        updateInheritedText();
        validate();
    });
    connect(m_retention, &QSpinBox::valueChanged, this, &TenantDialog::validate);
    connect(m_preventDeletion, &QCheckBox::toggled, this, &TenantDialog::validate);

    setTabOrder(m_slug, m_displayName);
    setTabOrder(m_displayName, m_tier);
    setTabOrder(m_tier, m_features);
    setTabOrder(m_features, m_inherit);
    setTabOrder(m_inherit, m_retention);
    setTabOrder(m_retention, m_preventDeletion);
    if (m_quotasPreset) {
        setTabOrder(m_preventDeletion, m_quotasPreset);
        setTabOrder(m_quotasPreset, m_quotasInherit);
    }
    m_slug->setFocus();
    validate();
}

void TenantDialog::setParentTenant(const Tenant &parent, const QString &parentPath, const QStringList &inheritableFeatures)
{
    m_parent = parent;
    m_hasParent = !parent.id.isNull();
    m_inheritable = inheritableFeatures;
    m_inherit->setVisible(m_hasParent);
    m_inherited->setVisible(m_hasParent);
    if (m_mode == Mode::NewSubTenant) {
        setWindowTitle(tr("New Sub-tenant of %1").arg(parent.slug));
        m_intro->setText(tr("Creates a tenant under <b>%1</b>.").arg(parentPath.toHtmlEscaped()));
        m_intro->show();
        m_inherit->setChecked(true);
        if (parent.tier != Tier::Starter)
            m_tier->setCurrentIndex(m_tier->findData(tierKey(parent.tier)));
    } else if (m_mode == Mode::Edit && m_hasParent) {
        m_intro->setText(tr("Sub-tenant of <b>%1</b>.").arg(parentPath.toHtmlEscaped()));
        m_intro->show();
    }
    updateInheritedText();
    updateQuotaChoiceText();
    validate();
}

void TenantDialog::setTenant(const Tenant &tenant)
{
    m_tenant = tenant;
    if (m_mode == Mode::Edit)
        setWindowTitle(tr("Edit Tenant %1").arg(tenant.slug));
    m_slug->setText(tenant.slug);
    m_displayName->setText(tenant.displayName);
    m_tier->setCurrentIndex(m_tier->findData(tierKey(tenant.tier)));
    const TenantSettings s = TenantSettings::fromJson(tenant.settings);
    QSignalBlocker block(m_features);
    // Features the console doesn't know yet are kept, and shown, so saving can't drop them.
    for (const QString &key : s.features) {
        bool known = false;
        for (int i = 0; i < m_features->count(); ++i)
            known = known || m_features->item(i)->data(kFeatureKeyRole).toString() == key;
        if (!known) {
            auto *item = new QListWidgetItem(featureDisplayName(key), m_features);
            item->setData(kFeatureKeyRole, key);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        }
    }
    fitFeatureList();
    for (int i = 0; i < m_features->count(); ++i) {
        QListWidgetItem *item = m_features->item(i);
        item->setCheckState(s.features.contains(item->data(kFeatureKeyRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    m_inherit->setChecked(s.inheritFeatures);
    m_retention->setValue(s.retentionDays);
    m_preventDeletion->setChecked(s.preventDeletion);
    m_slugTouched = m_nameTouched = false;
    clearError();
    updateInheritedText();
    validate();
}

void TenantDialog::rebase(const Tenant &theirs)
{
    const Tenant old = m_tenant;
    const TenantEdit mine = edit();
    const TenantSettings base = TenantSettings::fromJson(old.settings);
    const TenantSettings typed = settings();
    QStringList changedByThem;
    if (theirs.slug != old.slug)
        changedByThem << tr("slug (now \"%1\")").arg(theirs.slug);
    if (theirs.displayName != old.displayName)
        changedByThem << tr("display name (now \"%1\")").arg(theirs.displayName);
    const TenantSettings other = TenantSettings::fromJson(theirs.settings);
    if (sorted(other.features) != sorted(base.features) || other.inheritFeatures != base.inheritFeatures)
        changedByThem << tr("features");
    if (other.retentionDays != base.retentionDays || other.preventDeletion != base.preventDeletion)
        changedByThem << tr("deletion settings");

    setTenant(theirs);
    // The operator's changes, field by field, over theirs.
    if (mine.slug)
        m_slug->setText(*mine.slug);
    if (mine.displayName)
        m_displayName->setText(*mine.displayName);
    if (sorted(typed.features) != sorted(base.features)) {
        for (int i = 0; i < m_features->count(); ++i) {
            QListWidgetItem *item = m_features->item(i);
            item->setCheckState(typed.features.contains(item->data(kFeatureKeyRole).toString()) ? Qt::Checked
                                                                                                 : Qt::Unchecked);
        }
    }
    if (typed.inheritFeatures != base.inheritFeatures)
        m_inherit->setChecked(typed.inheritFeatures);
    if (typed.retentionDays != base.retentionDays)
        m_retention->setValue(typed.retentionDays);
    if (typed.preventDeletion != base.preventDeletion)
        m_preventDeletion->setChecked(typed.preventDeletion);
    updateInheritedText();
    validate();
    m_error->setStyleSheet(noticeBannerStyle());
    m_error->setText(changedByThem.isEmpty()
                         ? tr("Reloaded. Your changes are kept; save again.").toHtmlEscaped()
                         : tr("Reloaded: someone else changed the %1. Your own changes are kept on top of theirs; "
                              "check them and save again.")
                               .arg(changedByThem.join(QStringLiteral(", ")))
                               .toHtmlEscaped());
    m_error->show();
}

void TenantDialog::focusSlug()
{
    m_slug->setFocus();
    m_slug->selectAll();
}

void TenantDialog::focusDisplayName()
{
    m_displayName->setFocus();
    m_displayName->selectAll();
}

TenantSettings TenantDialog::settings() const
{
    TenantSettings s;
    for (int i = 0; i < m_features->count(); ++i) {
        const QListWidgetItem *item = m_features->item(i);
        if (item->checkState() == Qt::Checked)
            s.features << item->data(kFeatureKeyRole).toString();
    }
    s.inheritFeatures = m_hasParent && m_inherit->isChecked();
    s.retentionDays = m_retention->value();
    s.preventDeletion = m_preventDeletion->isChecked();
    return s;
}

TenantDraft TenantDialog::draft() const
{
    TenantDraft d;
    d.parentId = m_mode == Mode::NewSubTenant ? m_parent.id : QUuid();
    d.slug = m_slug->text();
    d.displayName = m_displayName->text().trimmed();
    d.tier = tierFromKey(m_tier->currentData().toString()).value_or(Tier::Starter);
    d.settings = settings();
    d.applyTierQuotas = !m_quotasPreset || m_quotasPreset->isChecked();
    return d;
}

TenantEdit TenantDialog::edit() const
{
    TenantEdit e;
    e.id = m_tenant.id;
    e.expectedVersion = m_tenant.version;
    if (m_slug->text() != m_tenant.slug)
        e.slug = m_slug->text();
    const QString name = m_displayName->text().trimmed();
    if (name != m_tenant.displayName)
        e.displayName = name;
    const TenantSettings before = TenantSettings::fromJson(m_tenant.settings);
    const TenantSettings now = settings();
    if (sorted(before.features) != sorted(now.features) || before.inheritFeatures != now.inheritFeatures
        || before.retentionDays != now.retentionDays || before.preventDeletion != now.preventDeletion)
        e.settings = now;
    return e;
}

QString TenantDialog::slugProblem(const QString &slug) const
{
    if (!validateSlug(slug))
        return {};
    if (slug.isEmpty())
        return tr("Enter a slug: letters a–z, digits, '_', '.' or '-'.");
    if (slug.size() > kSlugMaxLength)
        return tr("The slug is %1 characters long; at most %2 are allowed.").arg(slug.size()).arg(kSlugMaxLength);
    const auto bad = std::find_if(slug.begin(), slug.end(), [](QChar c) {
        return !(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'.' && c != u'-';
    });
    const QString shown = bad == slug.end() ? QString() : (bad->isSpace() ? tr("a space") : QStringLiteral("'%1'").arg(*bad));
    return tr("The slug can't contain %1; use letters a–z, digits, '_', '.' and '-'.").arg(shown);
}

QString TenantDialog::displayNameProblem(const QString &name) const
{
    if (!validateDisplayName(name))
        return {};
    if (name.trimmed().isEmpty())
        return tr("Enter a display name.");
    return tr("The display name is %1 characters long; at most %2 are allowed.")
        .arg(name.toUcs4().size())
        .arg(kDisplayNameMaxLength);
}

bool TenantDialog::isAcceptable() const
{
    if (validateSlug(m_slug->text()) || validateDisplayName(m_displayName->text()))
        return false;
    if (m_mode == Mode::Edit) {
        const TenantEdit e = edit();
        return e.slug || e.displayName || e.settings;
    }
    return true;
}

void TenantDialog::validate()
{
    QStringList problems;
    if (m_slugTouched)
        problems << slugProblem(m_slug->text());
    if (m_nameTouched)
        problems << displayNameProblem(m_displayName->text());
    problems.removeAll(QString());
    m_validation->setText(problems.join(u'\n'));
    m_validation->setVisible(!problems.isEmpty());
    m_ok->setEnabled(!m_busy && isAcceptable());
}

void TenantDialog::updateInheritedText()
{
    if (!m_hasParent)
        return;
    QStringList names;
    for (const QString &key : std::as_const(m_inheritable))
        names << featureDisplayName(key);
    if (names.isEmpty())
        m_inherited->setText(tr("%1 has no features to pass on at the moment.").arg(m_parent.slug));
    else
        m_inherited->setText(tr("From %1: %2").arg(m_parent.slug, names.join(QStringLiteral(", "))));
    m_inherited->setEnabled(m_inherit->isChecked());
}

void TenantDialog::updateQuotaChoiceText()
{
    if (!m_quotasPreset)
        return;
    m_quotasPreset->setText(tr("From the %1 tier &preset").arg(m_tier->currentText()));
    m_quotasPreset->setToolTip(tr("Every resource gets the tier's limit (capped by the parent's, if lower)."));
    if (m_mode == Mode::NewSubTenant) {
        m_quotasInherit->setText(tr("I&nherit the parent's limits"));
        m_quotasInherit->setToolTip(tr("No own limits: the tenant is bounded by %1's limits.").arg(m_parent.slug));
    } else {
        m_quotasInherit->setText(tr("&No limits for now"));
        m_quotasInherit->setToolTip(tr("No own limits: a top-level tenant without limits is unlimited."));
    }
}

void TenantDialog::fitFeatureList()
{
    // As tall as the handful of features: no scrolling, no empty box.
    m_features->setFixedHeight(m_features->sizeHintForRow(0) * m_features->count() + 2 * m_features->frameWidth() + 4);
}

void TenantDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_slug, m_displayName, m_features, m_inherit, m_retention,
                                                       m_preventDeletion, m_reload})
        w->setEnabled(!busy);
    m_tier->setEnabled(!busy && m_mode != Mode::Edit);
    if (m_quotasPreset) {
        m_quotasPreset->setEnabled(!busy);
        m_quotasInherit->setEnabled(!busy);
    }
    if (busy)
        clearError();
    validate();
}

void TenantDialog::showError(const Error &error)
{
    QString html;
    if (error.kind == ErrorKind::Conflict) {
        html = tr("Someone else changed this tenant meanwhile. Reload to read their version; your changes are "
                  "kept on top of it.")
                   .toHtmlEscaped();
    } else {
        html = QStringLiteral("<b>%1.</b> %2").arg(errorTitle(error).toHtmlEscaped(), errorText(error).toHtmlEscaped());
    }
    m_error->setStyleSheet(errorBannerStyle());
    m_error->setText(html);
    m_error->setToolTip(error.detail);
    m_error->show();
    m_reload->setVisible(error.kind == ErrorKind::Conflict && m_mode == Mode::Edit);
}

void TenantDialog::clearError()
{
    m_error->clear();
    m_error->hide();
    m_reload->hide();
}

QString TenantDialog::featureDisplayName(const QString &key)
{
    if (key == QLatin1String("semantic_search"))
        return tr("Semantic search");
    if (key == QLatin1String("analytics"))
        return tr("Analytics");
    if (key == QLatin1String("export"))
        return tr("Data export");
    if (key == QLatin1String("sso"))
        return tr("Single sign-on");
    if (key == QLatin1String("audit_export"))
        return tr("Audit log export");
    if (key == QLatin1String("custom_models"))
        return tr("Custom models");
    return key;
}

} // namespace tc::ui
