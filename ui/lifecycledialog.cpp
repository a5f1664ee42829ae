#include "ui/lifecycledialog.h"

#include "models/domain/resourceunit.h"
#include "models/items/deliver.h"
#include "models/items/tenanttreemodel.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"
#include "ui/rollbackprogress.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tc::ui {

namespace {

enum Page { FormPage, SummaryPage };
enum ChangeColumn { TenantColumn, FromColumn, ToColumn, ViaColumn };
// A tree of changes taller than this scrolls.
constexpr int kMaxChangeRows = 8;
// Only shown as a placeholder in the database's lifecycle events of a preview, which is
// rolled back: the preview doesn't wait for the operator to explain.
const char *const kPreviewReason = "preview";

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString stateName(LifecycleState state)
{
    return TenantTreeModel::stateDisplayName(state);
}

QString lowerStateName(LifecycleState state)
{
    return QLocale().toLower(stateName(state));
}

QString longDate(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime().date(), QLocale::LongFormat);
}

QString refusalBannerStyle()
{
    return QStringLiteral("QLabel { color: palette(window-text); background: #fbe3e1; border: 1px solid #b3261e; "
                          "border-radius: 4px; padding: 6px; }");
}

// `done`: the change was committed, so the states are what they were and what they are now.
QTreeWidget *changesTree(const char *objectName, bool done, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(QLatin1String(objectName));
    tree->setColumnCount(4);
    tree->setHeaderLabels({LifecycleDialog::tr("Tenant"), done ? LifecycleDialog::tr("Was") : LifecycleDialog::tr("Now"),
                           done ? LifecycleDialog::tr("Now") : LifecycleDialog::tr("Becomes"),
                           LifecycleDialog::tr("Carried along by")});
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::NoSelection);
    tree->setFocusPolicy(Qt::NoFocus);
    tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree->setTextElideMode(Qt::ElideLeft); // a long path keeps its end, the tenant's own slug
    QHeaderView *header = tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(TenantColumn, QHeaderView::Stretch);
    const int unit = tree->fontMetrics().averageCharWidth();
    header->resizeSection(FromColumn, unit * 13);
    header->resizeSection(ToColumn, unit * 13);
    header->resizeSection(ViaColumn, unit * 20);
    return tree;
}

} // namespace

QString LifecycleDialog::actionName(LifecycleAction action)
{
    switch (action) {
    case LifecycleAction::Suspend: return tr("Suspend");
    case LifecycleAction::Resume: return tr("Resume");
    case LifecycleAction::Archive: return tr("Archive");
    case LifecycleAction::Restore: return tr("Restore");
    case LifecycleAction::Delete: return tr("Delete");
    }
    return {};
}

LifecycleDialog::LifecycleDialog(TenantStore *store, LifecycleAction action, const QList<Target> &targets,
                                 const QList<LeftOut> &leftOut, QWidget *parent)
    : QDialog(parent), m_store(store), m_action(action), m_targets(targets), m_leftOut(leftOut)
{
    setObjectName(QStringLiteral("lifecycleDialog"));
    setWindowTitle(tr("%1 — Tenant Lifecycle").arg(actionName(action)));
    setMinimumWidth(580);

    auto *form = new QWidget(this);
    QFont bold = font();
    bold.setBold(true);

    m_heading = new QLabel(form);
    m_heading->setObjectName(QStringLiteral("lifecycleHeading"));
    m_heading->setWordWrap(true);
    QFont headingFont = bold;
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setText(subject());

    m_targetText = new QLabel(form);
    m_targetText->setObjectName(QStringLiteral("lifecycleTarget"));
    m_targetText->setWordWrap(true);
    m_targetText->setTextFormat(Qt::RichText);
    m_targetText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_targetList = new QListWidget(form);
    m_targetList->setObjectName(QStringLiteral("lifecycleTargets"));
    m_targetList->setSelectionMode(QAbstractItemView::NoSelection);
    m_targetList->setFocusPolicy(Qt::NoFocus);
    m_targetList->setToolTip(tr("The tenants you selected that this applies to. Their sub-tenants follow; the "
                                "preview below counts them."));
    if (isBulk()) {
        m_targetText->setText(tr("%1 selected tenants, each with its sub-tenants:").arg(number(m_targets.size())));
        for (const Target &t : std::as_const(m_targets))
            m_targetList->addItem(tr("%1 — %2").arg(t.path, stateName(t.tenant.state)));
        const int rows = std::min<int>(int(m_targets.size()), 5);
        m_targetList->setFixedHeight(m_targetList->sizeHintForRow(0) * rows + 2 * m_targetList->frameWidth() + 4);
    } else if (!m_targets.isEmpty()) {
        const Tenant &t = m_targets.first().tenant;
        m_targetText->setText(tr("%1 (%2), now %3.").arg(t.displayName.toHtmlEscaped(), m_targets.first().path.toHtmlEscaped(),
                                                         lowerStateName(t.state)));
        m_targetList->hide();
    }

    m_leftOutText = new QLabel(form);
    m_leftOutText->setObjectName(QStringLiteral("lifecycleLeftOut"));
    m_leftOutText->setWordWrap(true);
    m_leftOutText->setTextFormat(Qt::RichText);
    if (!m_leftOut.isEmpty()) {
        QString items;
        for (const LeftOut &l : std::as_const(m_leftOut))
            items += QStringLiteral("<li><b>%1</b>: %2</li>").arg(l.path.toHtmlEscaped(), l.why.toHtmlEscaped());
        const QString intro = m_leftOut.size() == 1 ? tr("Left out, 1 selected tenant:")
                                                    : tr("Left out, %1 selected tenants:").arg(number(m_leftOut.size()));
        m_leftOutText->setText(QStringLiteral("%1<ul style=\"margin-top:2px; margin-left:-20px\">%2</ul>")
                                   .arg(intro.toHtmlEscaped(), items));
    }
    m_leftOutText->setVisible(!m_leftOut.isEmpty());

    // --- what it would do ---
    m_consequencesBox = new QGroupBox(tr("What happens"), form);
    m_previewBusy = new QProgressBar(m_consequencesBox);
    m_previewBusy->setObjectName(QStringLiteral("previewBusy"));
    m_previewBusy->setRange(0, 0);
    m_previewBusy->setMaximumHeight(10);
    m_previewBusy->setTextVisible(false);
    m_previewBusyText = new QLabel(tr("Asking the database what this would change…"), m_consequencesBox);
    m_previewBusyText->setObjectName(QStringLiteral("previewBusyText"));
    m_consequences = new QLabel(m_consequencesBox);
    m_consequences->setObjectName(QStringLiteral("consequences"));
    m_consequences->setWordWrap(true);
    m_consequences->setTextFormat(Qt::RichText);
    m_consequences->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changes = changesTree("previewChanges", false, m_consequencesBox);
    m_changes->setToolTip(tr("Every tenant whose state would change, the selected ones first."));
    m_changes->hide();
    m_refusal = new QLabel(m_consequencesBox);
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_refusal->setWordWrap(true);
    m_refusal->setTextFormat(Qt::RichText);
    m_refusal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusal->setStyleSheet(refusalBannerStyle());
    m_refusal->hide();
    m_retryPreview = new QPushButton(tr("Check &Again"), m_consequencesBox);
    m_retryPreview->setObjectName(QStringLiteral("retryPreview"));
    m_retryPreview->setToolTip(tr("Ask the database again what this would change."));
    m_retryPreview->setAutoDefault(false);
    m_retryPreview->hide();
    auto *retryRow = new QHBoxLayout;
    retryRow->addStretch(1);
    retryRow->addWidget(m_retryPreview);
    auto *consequencesLayout = new QVBoxLayout(m_consequencesBox);
    consequencesLayout->addWidget(m_previewBusyText);
    consequencesLayout->addWidget(m_previewBusy);
    consequencesLayout->addWidget(m_consequences);
    consequencesLayout->addWidget(m_changes, 1);
    consequencesLayout->addWidget(m_refusal);
    consequencesLayout->addLayout(retryRow);

    // --- what the operator adds ---
    m_reason = new QPlainTextEdit(form);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setTabChangesFocus(true);
    m_reason->setPlaceholderText(tr("Why? e.g. \"Unpaid invoice, ticket #4711\". Kept in the tenant's lifecycle "
                                    "history and the audit log."));
    m_reason->setToolTip(tr("Required. Everyone who looks at this tenant's history sees it."));
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 3 + 2 * m_reason->frameWidth() + 10);
    auto *reasonLabel = new QLabel(tr("&Reason:"), form);
    reasonLabel->setBuddy(m_reason);

    m_confirmLabel = new QLabel(form);
    m_confirmLabel->setObjectName(QStringLiteral("confirmationLabel"));
    m_confirmLabel->setWordWrap(true);
    m_confirmLabel->setTextFormat(Qt::RichText);
    m_confirmation = new QLineEdit(form);
    m_confirmation->setObjectName(QStringLiteral("confirmation"));
    m_confirmLabel->setBuddy(m_confirmation);
    m_confirmHint = new QLabel(form);
    m_confirmHint->setObjectName(QStringLiteral("confirmationHint"));
    m_confirmHint->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_confirmHint->hide();

    auto *input = new QFormLayout;
    input->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    input->addRow(reasonLabel, m_reason);
    if (isDelete()) {
        input->addRow(m_confirmLabel);
        input->addRow(QString(), m_confirmation);
        input->addRow(QString(), m_confirmHint);
    } else {
        m_confirmLabel->hide();
        m_confirmation->hide();
    }

    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("lifecycleError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::RichText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();
    m_progress = new QProgressBar(form);
    m_progress->setObjectName(QStringLiteral("lifecycleProgress"));
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_progressText = new QLabel(form);
    m_progressText->setObjectName(QStringLiteral("lifecycleProgressText"));
    m_progressText->hide();

    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(m_heading);
    formLayout->addWidget(m_targetText);
    formLayout->addWidget(m_targetList);
    formLayout->addWidget(m_leftOutText);
    formLayout->addWidget(m_consequencesBox, 1);
    formLayout->addLayout(input);
    formLayout->addWidget(m_error);
    formLayout->addWidget(m_progress);
    formLayout->addWidget(m_progressText);

    // --- the summary ---
    auto *summary = new QWidget(this);
    m_summaryTitle = new QLabel(summary);
    m_summaryTitle->setObjectName(QStringLiteral("summaryTitle"));
    m_summaryTitle->setWordWrap(true);
    m_summaryTitle->setFont(headingFont);
    m_summaryText = new QLabel(summary);
    m_summaryText->setObjectName(QStringLiteral("summaryText"));
    m_summaryText->setWordWrap(true);
    m_summaryText->setTextFormat(Qt::RichText);
    m_summaryText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryChanges = changesTree("summaryChanges", true, summary);
    auto *summaryLayout = new QVBoxLayout(summary);
    summaryLayout->setContentsMargins(0, 0, 0, 0);
    summaryLayout->addWidget(m_summaryTitle);
    summaryLayout->addWidget(m_summaryText);
    summaryLayout->addWidget(m_summaryChanges);
    summaryLayout->addStretch(1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(form);
    m_pages->addWidget(summary);

    m_buttons = new QDialogButtonBox(this);
    // A deletion's button is destructive, not "accept": the button box would otherwise make
    // it the default button, which Enter presses.
    m_run = m_buttons->addButton(actionName(action),
                                 isDelete() ? QDialogButtonBox::DestructiveRole : QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("runButton"));
    if (m_targets.size() == 1)
        m_run->setText(tr("%1 %2", "action, slug").arg(actionName(action), m_targets.first().tenant.slug));
    else
        m_run->setText(tr("%1 %2 Tenants", "action, count").arg(actionName(action), number(m_targets.size())));
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    if (isDelete()) {
        // Enter in the confirmation field must never delete: only a click or Space on the
        // button does.
        m_run->setAutoDefault(false);
        m_run->setDefault(false);
        m_cancel->setAutoDefault(false);
        // The padding in every state, so the button is as wide enabled as disabled.
        m_run->setStyleSheet(QStringLiteral("QPushButton { padding: 4px 12px; border-radius: 3px; border: 1px solid "
                                            "palette(mid); } QPushButton:enabled { color: white; background: #b3261e; "
                                            "border-color: #8c1d18; } QPushButton:focus { border: 2px solid #1a73e8; }"));
    } else {
        m_run->setDefault(true);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_buttons);

    connect(m_run, &QPushButton::clicked, this, &LifecycleDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LifecycleDialog::reject);
    connect(m_retryPreview, &QPushButton::clicked, this, &LifecycleDialog::startPreview);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &LifecycleDialog::validate);
    connect(m_confirmation, &QLineEdit::textChanged, this, &LifecycleDialog::validate);
    m_running = new RollbackProgress(&m_watcher, m_progress, m_progressText, m_cancel, [](int done, int total) {
        return tr("Changing tenants: %1 of %2").arg(number(done), number(total));
    }, this);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LifecycleDialog::onFinished);

    setTabOrder(m_reason, m_confirmation);
    setTabOrder(m_confirmation, m_run);
    setTabOrder(m_run, m_cancel);
    setTabOrder(m_cancel, m_retryPreview);

    updateConfirmationPrompt();
    startPreview();
    m_reason->setFocus();
}

LifecycleDialog::~LifecycleDialog()
{
    // Closed while running: the store rolls the transition back in the background.
    if (m_watcher.isRunning())
        m_watcher.cancel();
}

QString LifecycleDialog::subject() const
{
    if (m_targets.size() == 1) {
        const QString path = m_targets.first().path;
        switch (m_action) {
        case LifecycleAction::Suspend: return tr("Suspend %1?").arg(path);
        case LifecycleAction::Resume: return tr("Resume %1?").arg(path);
        case LifecycleAction::Archive: return tr("Archive %1?").arg(path);
        case LifecycleAction::Restore: return tr("Restore %1?").arg(path);
        case LifecycleAction::Delete: return tr("Delete %1?").arg(path);
        }
    }
    const QString n = number(m_targets.size());
    switch (m_action) {
    case LifecycleAction::Suspend: return tr("Suspend %1 tenants?").arg(n);
    case LifecycleAction::Resume: return tr("Resume %1 tenants?").arg(n);
    case LifecycleAction::Archive: return tr("Archive %1 tenants?").arg(n);
    case LifecycleAction::Restore: return tr("Restore %1 tenants?").arg(n);
    case LifecycleAction::Delete: return tr("Delete %1 tenants?").arg(n);
    }
    return {};
}

LifecycleRequest LifecycleDialog::request() const
{
    LifecycleRequest r;
    for (const Target &t : m_targets)
        r.tenants.append({t.tenant.id, t.tenant.version});
    r.to = targetState(m_action);
    r.reason = m_reason->toPlainText().trimmed();
    return r;
}

QString LifecycleDialog::expectedConfirmation() const
{
    if (!isDelete())
        return {};
    if (!isBulk())
        return m_targets.isEmpty() ? QString() : m_targets.first().tenant.slug;
    if (!m_preview || m_preview->changes.isEmpty())
        return {};
    return QString::number(m_preview->changes.size());
}

void LifecycleDialog::startPreview()
{
    m_preview.reset();
    m_previewing = true;
    m_previewBusy->show();
    m_previewBusyText->show();
    m_consequences->hide();
    m_changes->hide();
    m_refusal->hide();
    m_retryPreview->hide();
    updateConfirmationPrompt();
    validate();
    if (!m_store || m_targets.isEmpty()) {
        onPreview(Error{ErrorKind::ConnectionLost, QStringLiteral("Not connected.")});
        return;
    }
    LifecycleRequest r = request();
    r.reason = QLatin1String(kPreviewReason);
    const quint64 serial = ++m_previewSerial;
    detail::deliver(m_store->previewLifecycle(r), this, [this, serial](const Result<LifecycleReport> &result) {
        if (serial == m_previewSerial)
            onPreview(result);
    });
}

void LifecycleDialog::onPreview(const Result<LifecycleReport> &result)
{
    m_previewing = false;
    m_previewBusy->hide();
    m_previewBusyText->hide();
    if (!result.ok()) {
        const Error &e = result.error();
        m_refusal->setText(QStringLiteral("<b>%1</b> %2")
                               .arg(tr("Could not work out what this would change.").toHtmlEscaped(),
                                    (errorTitle(e) + QStringLiteral(": ") + errorText(e)).toHtmlEscaped()));
        m_refusal->setToolTip(e.detail.isEmpty() ? e.message : e.detail);
        m_refusal->show();
        m_retryPreview->show();
        updateConfirmationPrompt();
        validate();
        fitContents();
        return;
    }
    m_preview = result.value();
    m_consequences->setText(consequencesHtml(*m_preview));
    m_consequences->setVisible(!m_consequences->text().isEmpty());
    fillChanges(m_changes, *m_preview);
    // One tenant and nothing carried along: the sentence above says it all.
    m_changes->setVisible(m_preview->changes.size() > 1);
    if (m_preview->refusal) {
        m_refusal->setText(refusalHtml(*m_preview->refusal));
        m_refusal->setToolTip(m_preview->refusal->detail);
        m_refusal->show();
        m_retryPreview->show();
    }
    updateConfirmationPrompt();
    validate();
    fitContents();
}

void LifecycleDialog::fitContents()
{
    // Wrapped text that arrived after the dialog was shown needs more height than the
    // layout planned for when it opened: each label asks for the height its text takes at
    // its width, and the dialog grows to hold them. The group box's own layout is settled
    // first, or the dialog's would place it by its old size.
    if (!layout())
        return;
    layout()->activate();
    for (QLabel *label : {m_targetText, m_leftOutText, m_consequences, m_refusal, m_error, m_summaryTitle, m_summaryText}) {
        if (label->isVisible())
            label->setMinimumHeight(label->heightForWidth(label->width()));
    }
    m_consequencesBox->layout()->activate();
    layout()->activate();
}

QString LifecycleDialog::refusalHtml(const Error &error) const
{
    QString words;
    if (error.kind == ErrorKind::Conflict) {
        words = tr("Someone else changed %1 since it was read. Close this dialog, reload the tree (F5) and try again.")
                    .arg(isBulk() ? tr("some of these tenants") : m_targets.value(0).path);
    } else {
        words = errorText(error);
    }
    QString html = QStringLiteral("<b>%1</b> %2").arg(tr("The database would refuse this.").toHtmlEscaped(),
                                                      words.toHtmlEscaped());
    // The server's own sentence names the rule and the tenant; show it unless it is what
    // errorText already said.
    if (!error.message.isEmpty() && error.message != words)
        html += QStringLiteral("<br><i>%1</i>").arg(error.message.toHtmlEscaped());
    return html;
}

QString LifecycleDialog::consequencesHtml(const LifecycleReport &report) const
{
    QStringList paragraphs;
    const int total = int(report.changes.size());
    const int requested = report.requestedCount();
    const int cascaded = report.cascadedCount();
    const LifecycleState to = report.to;
    // A refused transition has nothing to count; the refusal says why, and for a deletion
    // the cap is worth knowing.
    const bool refusedEarly = report.refusal && total == 0;

    if (total == 0 && !refusedEarly) {
        paragraphs << tr("Nothing would change: %1 already %2.")
                          .arg(isBulk() ? tr("every selected tenant is") : tr("the tenant is"), lowerStateName(to));
    } else if (total > 0) {
        QString count;
        if (cascaded == 0) {
            count = total == 1 ? tr("<b>1 tenant</b> changes to %1; no sub-tenant is affected.").arg(lowerStateName(to))
                               : tr("<b>%1 tenants</b> change to %2; no sub-tenant is affected.")
                                     .arg(number(total), lowerStateName(to));
        } else {
            const QString carried = cascaded == 1 ? tr("1 sub-tenant carried along")
                                                  : tr("%1 sub-tenants carried along").arg(number(cascaded));
            const QString selected = requested == 1 ? tr("1 you selected") : tr("%1 you selected").arg(number(requested));
            count = tr("<b>%1 tenants</b> change to %2: %3 and <b>%4</b>.")
                        .arg(number(total), lowerStateName(to), selected, carried);
        }
        // Where they come from, when that isn't one state for all.
        QMap<int, int> fromCounts;
        for (const LifecycleChange &c : report.changes)
            ++fromCounts[int(c.from)];
        if (fromCounts.size() > 1) {
            QStringList parts;
            for (auto it = fromCounts.cbegin(); it != fromCounts.cend(); ++it)
                parts << tr("%1 %2", "count, state").arg(number(it.value()), lowerStateName(LifecycleState(it.key())));
            count += QLatin1Char(' ') + tr("Now %1.").arg(parts.join(QStringLiteral(", ")));
        }
        paragraphs << count;
    }
    if (!report.skipped.isEmpty() && !refusedEarly) {
        paragraphs << (report.skipped.size() == 1
                           ? tr("1 selected tenant is already %1 and stays as it is.").arg(lowerStateName(to))
                           : tr("%1 selected tenants are already %2 and stay as they are.")
                                 .arg(number(report.skipped.size()), lowerStateName(to)));
    }

    if (total > 0) {
        const bool one = total == 1;
        switch (m_action) {
        case LifecycleAction::Suspend:
            paragraphs << (one ? tr("Its users lose access at once and the platform stops serving it. All data is kept; "
                                    "Resume gives access back.")
                               : tr("Their users lose access at once and the platform stops serving them. All data is "
                                    "kept; Resume gives access back."));
            break;
        case LifecycleAction::Archive:
            paragraphs << (one ? tr("It is kept for compliance with no access at all. Restore makes it active again.")
                               : tr("They are kept for compliance with no access at all. Restore makes them active "
                                    "again."));
            break;
        case LifecycleAction::Resume:
            paragraphs << tr("Access is given back. Sub-tenants that were suspended only because of this follow; those "
                             "suspended on their own stay suspended.");
            break;
        case LifecycleAction::Restore: {
            const bool fromDeleted = std::any_of(m_targets.cbegin(), m_targets.cend(), [](const Target &t) {
                return t.tenant.state == LifecycleState::Deleted;
            });
            if (fromDeleted)
                paragraphs << (one ? tr("It becomes active again and its scheduled purge is cancelled; its data was "
                                        "never removed.")
                                   : tr("They become active again and their scheduled purge is cancelled; their data "
                                        "was never removed."));
            else
                paragraphs << (one ? tr("It becomes active again and its users regain access.")
                                   : tr("They become active again and their users regain access."));
            break;
        }
        case LifecycleAction::Delete: {
            int retention = kMaxRetentionDays;
            for (const Target &t : m_targets)
                retention = std::min(retention, TenantSettings::fromJson(t.tenant.settings).retentionDays);
            const QString when = report.purgeAfter.isValid()
                                     ? tr("after <b>%1</b> (the %2-day retention period)")
                                           .arg(longDate(report.purgeAfter), number(retention))
                                     : tr("after the %1-day retention period").arg(number(retention));
            paragraphs << (one ? tr("Access stops at once. Its data is purged %1; until then it can be restored (View › "
                                    "Show Deleted, then Restore).")
                                     .arg(when)
                               : tr("Access stops at once. Their data is purged %1; until then they can be restored "
                                    "(View › Show Deleted, then Restore).")
                                     .arg(when));
            break;
        }
        }
        QStringList holdings;
        if (report.memories > 0)
            holdings << tr("<b>%1 memories</b> (%2)")
                            .arg(number(report.memories), formatQuantity(report.memoryBytes, ResourceUnit::Bytes));
        if (report.usageSamples > 0)
            holdings << tr("%1 usage samples").arg(number(report.usageSamples));
        QString held;
        if (holdings.isEmpty()) {
            held = one ? tr("It holds no memories and no usage samples.") : tr("They hold no memories and no usage samples.");
        } else {
            if (holdings.size() == 1)
                holdings << (report.memories > 0 ? tr("no usage samples") : tr("no memories"));
            held = one ? tr("It holds %1 and %2.").arg(holdings.at(0), holdings.at(1))
                       : tr("They hold %1 and %2.").arg(holdings.at(0), holdings.at(1));
            if (m_action == LifecycleAction::Delete)
                held += QLatin1Char(' ') + tr("All of it is removed by the purge.");
            else if (m_action == LifecycleAction::Suspend || m_action == LifecycleAction::Archive)
                held += QLatin1Char(' ') + tr("None of it is removed.");
        }
        paragraphs << held;
    }

    if (m_action == LifecycleAction::Delete) {
        const DeletionAllowance &a = report.allowance;
        const QString percent = QLocale().toString(a.percent, 'g', 4);
        QString cap;
        if (a.cap == 0)
            cap = tr("Deletions are switched off (the deletion cap is 0 %).");
        else if (refusedEarly)
            cap = tr("Deletion cap: <b>%1 of %2</b> deletions are left in the %3-day window (%4 % of %5 tenants).")
                      .arg(number(a.remaining()), number(a.cap), number(a.windowDays), percent, number(a.tenants));
        else
            cap = tr("Deletion cap: after this, <b>%1 of %2</b> deletions are left in the %3-day window (%4 % of %5 "
                     "tenants).")
                      .arg(number(a.remaining()), number(a.cap), number(a.windowDays), percent, number(a.tenants));
        paragraphs << cap;
    }
    if (paragraphs.isEmpty())
        return {};
    return QStringLiteral("<p>%1</p>").arg(paragraphs.join(QStringLiteral("</p><p>")));
}

void LifecycleDialog::fillChanges(QTreeWidget *tree, const LifecycleReport &report) const
{
    tree->clear();
    QHash<QUuid, QString> slugs;
    for (const LifecycleChange &c : report.changes)
        slugs.insert(c.id, c.slug);
    // Paths, so sub-tenants with the same slug under different parents can be told apart:
    // the selected tenants' as the tree has them, the others below their parents.
    QHash<QUuid, QString> paths;
    for (const Target &t : m_targets)
        paths.insert(t.tenant.id, t.path);
    for (bool grew = true; grew;) {
        grew = false;
        for (const LifecycleChange &c : report.changes) {
            if (!paths.contains(c.id) && paths.contains(c.parentId)) {
                paths.insert(c.id, paths.value(c.parentId) + u'/' + c.slug);
                grew = true;
            }
        }
    }
    QList<QTreeWidgetItem *> items;
    for (const LifecycleChange &c : report.changes) {
        auto *item = new QTreeWidgetItem;
        item->setText(TenantColumn, paths.value(c.id, c.slug));
        item->setText(FromColumn, stateName(c.from));
        item->setText(ToColumn, stateName(c.to));
        if (!c.cascadeRoot.isNull())
            item->setText(ViaColumn, paths.value(c.cascadeRoot, slugs.value(c.cascadeRoot, c.cascadeRoot.toString(QUuid::WithoutBraces))));
        item->setData(TenantColumn, Qt::UserRole, c.id);
        item->setToolTip(TenantColumn, QStringLiteral("%1\n%2").arg(item->text(TenantColumn), c.id.toString(QUuid::WithoutBraces)));
        if (c.cascadeRoot.isNull()) {
            QFont f = tree->font();
            f.setBold(true);
            item->setFont(TenantColumn, f);
        }
        items << item;
    }
    tree->addTopLevelItems(items);
    const int rows = std::clamp(int(items.size()), 1, kMaxChangeRows);
    const int rowHeight = items.isEmpty() ? tree->fontMetrics().height() + 6 : tree->sizeHintForRow(0);
    tree->setFixedHeight(tree->header()->sizeHint().height() + rowHeight * rows + 2 * tree->frameWidth() + 2);
}

void LifecycleDialog::updateConfirmationPrompt()
{
    if (!isDelete())
        return;
    const QString expected = expectedConfirmation();
    if (!isBulk()) {
        m_confirmLabel->setText(tr("To confirm, type the tenant's slug, <b>%1</b>:").arg(expected.toHtmlEscaped()));
        m_confirmation->setToolTip(tr("Type the slug exactly as shown (letter case counts); pasting works too."));
        m_confirmation->setEnabled(!isRunning());
        return;
    }
    if (expected.isEmpty()) {
        m_confirmLabel->setText(tr("To confirm, type the number of tenants that will be deleted (known once the "
                                   "check above is done):"));
        m_confirmation->setEnabled(false);
    } else {
        m_confirmLabel->setText(tr("To confirm, type the number of tenants that will be deleted, sub-tenants "
                                   "included: <b>%1</b>")
                                    .arg(expected));
        m_confirmation->setEnabled(!isRunning());
    }
    m_confirmation->setToolTip(tr("The number of every tenant the deletion reaches, as counted above."));
}

void LifecycleDialog::validate()
{
    const bool previewOk = m_preview && !m_preview->refusal && !m_preview->changes.isEmpty();
    const bool reasonOk = !m_reason->toPlainText().trimmed().isEmpty();
    bool confirmed = true;
    if (isDelete()) {
        const QString expected = expectedConfirmation();
        const QString typed = m_confirmation->text();
        confirmed = !expected.isEmpty() && typed == expected;
        // Say why only once something was typed, and only if it could still become right by
        // typing on: no scolding for each keystroke on the way.
        const bool wrong = !typed.isEmpty() && !expected.isEmpty() && !confirmed && !expected.startsWith(typed);
        m_confirmHint->setText(isBulk() ? tr("That is not the number of tenants above.")
                                        : tr("That is not the slug (letter case counts)."));
        m_confirmHint->setVisible(wrong);
    }
    const bool ok = m_store && previewOk && reasonOk && confirmed && !isRunning();
    m_run->setEnabled(ok);
    QString why;
    if (m_previewing)
        why = tr("Waiting for the check of what this would change.");
    else if (!m_preview)
        why = tr("The check of what this would change failed; see above.");
    else if (m_preview->refusal)
        why = tr("The database would refuse this; see above.");
    else if (m_preview->changes.isEmpty())
        why = tr("Nothing would change.");
    else if (!reasonOk)
        why = tr("Enter a reason first.");
    else if (!confirmed)
        why = isBulk() ? tr("Type the number of tenants to confirm first.") : tr("Type the slug to confirm first.");
    m_run->setToolTip(why.isEmpty() ? tr("Run it now. Stop rolls everything back until it is committed.") : why);
}

void LifecycleDialog::submit()
{
    if (!m_run->isEnabled() || isRunning() || !m_store)
        return;
    clearError();
    m_watcher.setFuture(m_store->changeLifecycle(request()));
    setRunning(true);
}

void LifecycleDialog::setRunning(bool running)
{
    m_running->setRunning(running);
    m_reason->setReadOnly(running);
    m_confirmation->setReadOnly(running);
    m_retryPreview->setEnabled(!running);
    validate();
}

void LifecycleDialog::reject()
{
    if (isRunning()) {
        m_running->stop();
        return;
    }
    QDialog::reject();
}

void LifecycleDialog::onFinished()
{
    setRunning(false);
    if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        showError(tr("Stopped. Nothing was changed.").toHtmlEscaped());
        return;
    }
    const Result<LifecycleReport> result = m_watcher.result();
    if (!result.ok()) {
        const Error &e = result.error();
        QString words;
        if (e.kind == ErrorKind::Conflict)
            words = tr("Someone else changed %1 meanwhile. Close this dialog, reload the tree (F5) and try again; your "
                       "reason is still here to copy.")
                        .arg(isBulk() ? tr("some of these tenants") : m_targets.value(0).path);
        else if (e.kind == ErrorKind::Cancelled)
            words = tr("It was stopped.");
        else
            words = errorTitle(e) + QStringLiteral(". ") + errorText(e);
        showError(QStringLiteral("<b>%1</b> %2").arg(tr("Nothing was changed.").toHtmlEscaped(), words.toHtmlEscaped()),
                  e.detail.isEmpty() ? e.message : e.detail);
        fitContents();
        return;
    }
    showSummary(result.value());
    Q_EMIT changed(result.value());
}

void LifecycleDialog::showError(const QString &html, const QString &detail)
{
    m_error->setText(html);
    m_error->setToolTip(detail);
    m_error->show();
}

void LifecycleDialog::clearError()
{
    m_error->clear();
    m_error->hide();
}

void LifecycleDialog::showSummary(const LifecycleReport &report)
{
    const int total = int(report.changes.size());
    const int cascaded = report.cascadedCount();
    QString title;
    const QString state = lowerStateName(report.to);
    if (total == 0)
        title = tr("Nothing needed changing: everything was already %1.").arg(state);
    else if (total == 1 && m_targets.size() == 1)
        title = tr("%1 is now %2.").arg(m_targets.first().path, state);
    else if (total == 1)
        title = tr("1 tenant is now %1.").arg(state);
    else if (cascaded == 0)
        title = tr("%1 tenants are now %2.").arg(number(total), state);
    else
        title = tr("%1 tenants are now %2, %3 of them sub-tenants carried along.")
                    .arg(number(total), state, number(cascaded));
    m_summaryTitle->setText(title);
    QStringList notes;
    notes << tr("All changes were made in one transaction, with your reason in each tenant's history.");
    if (report.to == LifecycleState::Deleted && report.purgeAfter.isValid())
        notes << tr("The data is purged after %1; until then Restore brings the tenants back (turn on View › Show "
                    "Deleted to see them).")
                     .arg(longDate(report.purgeAfter));
    if (!report.skipped.isEmpty())
        notes << tr("%1 selected tenants were already %2 and were left as they were.")
                     .arg(number(report.skipped.size()), state);
    QString html;
    for (const QString &note : std::as_const(notes))
        html += QStringLiteral("<p>%1</p>").arg(note.toHtmlEscaped());
    m_summaryText->setText(html);
    fillChanges(m_summaryChanges, report);
    m_summaryChanges->setVisible(total > 0);
    m_pages->setCurrentIndex(SummaryPage);
    // The form is done with: its height no longer holds the dialog open, and the dialog
    // takes the summary's height at its width.
    m_pages->widget(FormPage)->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_pages->updateGeometry();
    fitContents();
    QWidget *page = m_pages->widget(SummaryPage);
    const int pageHeight = page->hasHeightForWidth() ? page->heightForWidth(m_pages->width()) : page->sizeHint().height();
    resize(width(), height() - m_pages->height() + pageHeight);
    m_run->hide();
    m_cancel->setText(tr("&Close"));
    m_cancel->setToolTip(QString());
    m_cancel->setEnabled(true);
    m_cancel->setDefault(true);
    m_cancel->setFocus();
}

} // namespace tc::ui
