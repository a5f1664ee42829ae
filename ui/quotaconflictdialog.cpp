#include "ui/quotaconflictdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tc::ui {

QuotaConflictDialog::QuotaConflictDialog(const QString &tenantName, const QList<Entry> &entries, QWidget *parent)
    : QDialog(parent), m_entries(entries)
{
    setObjectName(QStringLiteral("quotaConflictDialog"));
    setWindowTitle(tr("Quotas changed by someone else"));

    const QString what = entries.size() == 1
        ? tr("<p>While you were editing, another session changed a quota of <b>%1</b> that you changed too. "
             "Nothing has been written yet.</p>")
        : tr("<p>While you were editing, another session changed %n quotas of <b>%1</b> that you changed too. "
             "Nothing has been written yet.</p>",
             nullptr, int(entries.size()));
    auto *intro = new QLabel(what.arg(tenantName.toHtmlEscaped())
                                 + tr("<p><b>Keep theirs</b> drops your edits of these rows, <b>Take mine</b> writes "
                                      "yours over theirs, <b>Re&#8209;edit</b> lets you change yours first. Your other "
                                      "staged changes are applied with the first two.</p>"),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(entries.size()), 3, this);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setHorizontalHeaderLabels({tr("Resource"), tr("Theirs (now)"), tr("Yours")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(false);
    for (int row = 0; row < entries.size(); ++row) {
        const Entry &e = entries.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(e.name));
        m_table->setItem(row, 1, new QTableWidgetItem(e.theirs));
        auto *yours = new QTableWidgetItem(e.yours);
        QFont bold = yours->font();
        bold.setBold(true);
        yours->setFont(bold);
        m_table->setItem(row, 2, yours);
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    // As tall as its rows (a scroll bar beyond about ten), not a fixed block of empty lines.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setMaximumHeight(m_table->horizontalHeader()->sizeHint().height() + 10 * m_table->verticalHeader()->defaultSectionSize()
                              + 2 * m_table->frameWidth());

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *theirs = buttons->addButton(tr("Keep &theirs"), QDialogButtonBox::RejectRole);
    theirs->setObjectName(QStringLiteral("keepTheirsButton"));
    theirs->setToolTip(tr("Drop your edits of these rows; your other staged edits are applied."));
    QPushButton *mine = buttons->addButton(tr("Take &mine"), QDialogButtonBox::AcceptRole);
    mine->setObjectName(QStringLiteral("takeMineButton"));
    mine->setToolTip(tr("Write your values over theirs, together with your other staged edits."));
    QPushButton *reEdit = buttons->addButton(tr("&Re-edit"), QDialogButtonBox::ActionRole);
    reEdit->setObjectName(QStringLiteral("reEditButton"));
    reEdit->setToolTip(tr("Keep your values staged and change them before applying again."));
    QPushButton *later = buttons->addButton(tr("Decide later"), QDialogButtonBox::HelpRole);
    later->setObjectName(QStringLiteral("decideLaterButton"));
    later->setToolTip(tr("Close this; the rows stay marked until you apply again."));
    // Enter never overwrites another operator's change by accident.
    theirs->setDefault(true);
    connect(theirs, &QPushButton::clicked, this, [this] { choose(Choice::KeepTheirs); });
    connect(mine, &QPushButton::clicked, this, [this] { choose(Choice::TakeMine); });
    connect(reEdit, &QPushButton::clicked, this, [this] { choose(Choice::ReEdit); });
    connect(later, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(std::max(sizeHint().width(), 560), sizeHint().height());
}

QStringList QuotaConflictDialog::resources() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out << e.resource;
    return out;
}

void QuotaConflictDialog::choose(Choice choice)
{
    m_choice = choice;
    accept();
}

} // namespace tc::ui
