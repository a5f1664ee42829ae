#include "ui/movetenantdialog.h"

#include "models/items/deliver.h"
#include "models/domain/validation.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/tenantpicker.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc::ui {

MoveTenantDialog::MoveTenantDialog(TenantStore *store, const Tenant &tenant, const QString &path, QWidget *parent)
    : QDialog(parent), m_store(store), m_tenant(tenant), m_path(path)
{
    setWindowTitle(tr("Move %1 To").arg(tenant.slug));
    setMinimumSize(540, 440);

    auto *intro = new QLabel(tr("Choose the new parent of <b>%1</b>. Its whole subtree moves with it, and all of their data: "
                                    "rows belong to their tenant, wherever it sits in the hierarchy.")
                                 .arg(path.toHtmlEscaped()),
                             this);
    intro->setObjectName(QStringLiteral("moveIntro"));
    intro->setWordWrap(true);

    m_picker = new TenantPicker(store, this);
    m_picker->setTopLevelRow(true, tenant.isTopLevel() ? tr("%1 is already at the top level.").arg(tenant.slug) : QString());
    m_picker->setVeto([this](const TenantMatch &match) { return veto(match); });

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("moveError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();

    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setMaximumHeight(6);
    m_busyBar->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = m_buttons->addButton(tr("&Move"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("okButton"));
    m_ok->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_picker, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_busyBar);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &MoveTenantDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_picker, &TenantPicker::choiceChanged, this, &MoveTenantDialog::updateButtons);
    connect(m_picker, &TenantPicker::activated, this, &MoveTenantDialog::submit);
    m_picker->setFocus();
    updateButtons();
    m_picker->start();
}

QString MoveTenantDialog::veto(const TenantMatch &match) const
{
    if (match.tenant.id == m_tenant.id)
        return tr("A tenant can't be moved under itself.");
    for (const Tenant &ancestor : match.ancestors) {
        if (ancestor.id == m_tenant.id)
            return tr("%1 is inside %2's own subtree: moving %2 there would create a cycle.")
                .arg(match.tenant.slug, m_tenant.slug);
    }
    if (match.tenant.id == m_tenant.parentId)
        return tr("%1 is already under %2.").arg(m_tenant.slug, match.tenant.slug);
    // Depth of the target plus one for the tenant itself; its subtree may need more, which the
    // database checks.
    if (match.ancestors.size() + 2 > kMaxDepth)
        return tr("%1 is at depth %2: a tenant under it would be deeper than the %3 levels allowed.")
            .arg(match.tenant.slug)
            .arg(match.ancestors.size() + 1)
            .arg(kMaxDepth);
    return {};
}

void MoveTenantDialog::updateButtons()
{
    m_ok->setEnabled(!m_busy && m_picker->hasChoice());
}

void MoveTenantDialog::submit()
{
    if (m_busy || !m_picker->hasChoice() || !m_store)
        return;
    const std::optional<TenantMatch> target = m_picker->chosen();
    const QUuid newParent = target ? target->tenant.id : QUuid();
    setBusy(true);
    detail::deliver(m_store->moveTenant(m_tenant.id, m_tenant.parentId, newParent), this, [this](const Result<Tenant> &result) {
        setBusy(false);
        if (!result.ok()) {
            showError(result.error());
            return;
        }
        Q_EMIT moved(result.value());
        accept();
    });
}

void MoveTenantDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyBar->setVisible(busy);
    m_picker->setEnabled(!busy);
    if (busy)
        m_error->hide();
    updateButtons();
}

void MoveTenantDialog::showError(const Error &error)
{
    QString html;
    if (error.kind == ErrorKind::Conflict) {
        html = tr("%1 was moved by someone else meanwhile. Its new place is read again; choose the parent again.")
                   .arg(m_tenant.slug)
                   .toHtmlEscaped();
        // The next attempt is checked against where it is now.
        detail::deliver(m_store->tenant(m_tenant.id), this, [this](const Result<Tenant> &fresh) {
            if (!fresh.ok())
                return;
            m_tenant = fresh.value();
            m_picker->setTopLevelRow(true, m_tenant.isTopLevel() ? tr("%1 is already at the top level.").arg(m_tenant.slug)
                                                                 : QString());
            m_picker->start();
        });
    } else if (error.kind == ErrorKind::Validation) {
        html = QStringLiteral("<b>%1</b> %2").arg(tr("The move was refused.").toHtmlEscaped(), error.message.toHtmlEscaped());
    } else {
        html = QStringLiteral("<b>%1.</b> %2").arg(errorTitle(error).toHtmlEscaped(), errorText(error).toHtmlEscaped());
    }
    m_error->setText(html);
    m_error->setToolTip(error.detail);
    m_error->show();
}

} // namespace tc::ui
