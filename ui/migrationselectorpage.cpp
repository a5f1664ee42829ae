#include "ui/migrationselectorpage.h"

#include "models/domain/selector.h"
#include "models/items/selectorrowsmodel.h"
#include "ui/migrationwizard.h"
#include "ui/selectoroperatordelegate.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

constexpr int kParseDelayMs = 200;

} // namespace

MigrationSelectorPage::MigrationSelectorPage(MigrationWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setTitle(tr("What to Move"));
    setSubTitle(tr("Move everything, or only the rows whose metadata match conditions."));

    m_rows = new SelectorRowsModel(this);

    m_everything = new QRadioButton(this);
    m_everything->setObjectName(QStringLiteral("everythingButton"));
    m_matching = new QRadioButton(tr("&Only the rows whose metadata match all of these conditions:"), this);
    m_matching->setObjectName(QStringLiteral("matchingButton"));
    auto *mode = new QButtonGroup(this);
    mode->addButton(m_everything);
    mode->addButton(m_matching);
    m_matching->setChecked(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("selectorRows"));
    m_view->setModel(m_rows);
    m_view->setItemDelegateForColumn(SelectorRowsModel::OperatorColumn, new SelectorOperatorDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(SelectorRowsModel::FieldColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(SelectorRowsModel::OperatorColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(SelectorRowsModel::ValueColumn, QHeaderView::Stretch);
    m_view->setToolTip(tr("Field: a metadata key, dots for nested keys (project.code). Value: text, a number, "
                          "true, false or null; \"quotes\" keep a number as text. \"is one of\" takes a "
                          "comma-separated list."));
    m_view->setMinimumHeight(120);

    m_add = new QPushButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("&Add Condition"), this);
    m_add->setObjectName(QStringLiteral("addConditionButton"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus));
    m_add->setToolTip(tr("Add a condition (Ctrl++)"));
    m_remove = new QPushButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeConditionButton"));
    m_remove->setToolTip(tr("Remove the selected conditions"));
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *rowsLayout = new QHBoxLayout;
    rowsLayout->addWidget(m_view, 1);
    rowsLayout->addLayout(buttons);

    m_rowsNote = new QLabel(this);
    m_rowsNote->setObjectName(QStringLiteral("rowsNote"));
    m_rowsNote->setWordWrap(true);
    m_rowsNote->hide();

    auto *jsonLabel = new QLabel(tr("Selector as &JSON (edit either side):"), this);
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("selectorJson"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setTabChangesFocus(true);
    m_json->setMaximumHeight(96);
    m_json->setPlainText(m_canonical);
    m_json->setToolTip(tr("{\"department\": \"marketing\", \"date\": {\"$gt\": \"2023-01-01\"}}\n"
                          "Operators: $eq $ne $gt $gte $lt $lte $in $exists, and $and / $or lists."));
    jsonLabel->setBuddy(m_json);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("selectorStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_everything);
    layout->addSpacing(4);
    layout->addWidget(m_matching);
    layout->addLayout(rowsLayout, 1);
    layout->addWidget(m_rowsNote);
    layout->addWidget(jsonLabel);
    layout->addWidget(m_json);
    layout->addWidget(m_status);

    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(kParseDelayMs);
    connect(&m_parseTimer, &QTimer::timeout, this, &MigrationSelectorPage::parseJson);
    connect(m_rows, &SelectorRowsModel::selectorChanged, this, &MigrationSelectorPage::onRowsChanged);
    connect(m_json, &QPlainTextEdit::textChanged, this, &MigrationSelectorPage::onJsonEdited);
    connect(m_add, &QPushButton::clicked, this, &MigrationSelectorPage::addCondition);
    connect(m_remove, &QPushButton::clicked, this, &MigrationSelectorPage::removeConditions);
    connect(m_everything, &QRadioButton::toggled, this, &MigrationSelectorPage::updateMode);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_remove->setEnabled(m_matching->isChecked() && m_rowsUsable && m_view->selectionModel()->hasSelection()); });

    setTabOrder(m_everything, m_matching);
    setTabOrder(m_matching, m_view);
    setTabOrder(m_view, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_json);
}

void MigrationSelectorPage::initializePage()
{
    const MigrationDraft &draft = m_wizard->draft();
    const QString source = draft.source ? draft.source->tenant.slug : QString();
    const QString target = draft.target ? draft.target->tenant.slug : QString();
    m_everything->setText(tr("&Everything: merge all of %1's data into %2").arg(source, target));
    // The page keeps its own selector across Back and Next; the draft gets it on Next.
    if (draft.wholeTenant)
        m_everything->setChecked(true);
    // An empty row to type into, unless the JSON is the only editor (an $or).
    if (m_rows->rowCount() == 0 && m_rowsUsable) {
        m_syncing = true;
        m_rows->addRow();
        m_syncing = false;
    }
    updateMode();
}

bool MigrationSelectorPage::isComplete() const
{
    if (m_everything->isChecked())
        return true;
    return m_jsonValid && !m_matchesAll && !m_parseTimer.isActive();
}

bool MigrationSelectorPage::validatePage()
{
    if (m_parseTimer.isActive()) {
        m_parseTimer.stop();
        parseJson();
    }
    if (!isComplete())
        return false;
    MigrationDraft &draft = m_wizard->draft();
    draft.wholeTenant = m_everything->isChecked();
    draft.selectorJson = draft.wholeTenant ? QStringLiteral("{}") : m_canonical;
    return true;
}

void MigrationSelectorPage::onRowsChanged()
{
    if (m_syncing)
        return;
    const std::optional<Selector> selector = m_rows->selector();
    if (!selector) {
        for (int row = 0; row < m_rows->rowCount(); ++row) {
            if (!m_rows->rowError(row).isEmpty()) {
                setStatus(tr("Condition %1: %2").arg(row + 1).arg(m_rows->rowError(row)), true);
                break;
            }
        }
        m_jsonValid = false;
        Q_EMIT completeChanged();
        return;
    }
    m_canonical = selector->toJson();
    m_matchesAll = selector->matchesAll();
    m_jsonValid = true;
    m_syncing = true;
    m_json->setPlainText(m_canonical);
    m_syncing = false;
    m_parseTimer.stop();
    updateMode();
}

void MigrationSelectorPage::onJsonEdited()
{
    if (m_syncing)
        return;
    m_parseTimer.start();
    Q_EMIT completeChanged();
}

void MigrationSelectorPage::parseJson()
{
    SelectorError error;
    const std::optional<Selector> selector = Selector::parse(m_json->toPlainText(), &error);
    if (!selector) {
        m_jsonValid = false;
        setStatus(tr("The JSON is not a valid selector %1").arg(error.message()), true);
        Q_EMIT completeChanged();
        return;
    }
    m_jsonValid = true;
    m_canonical = selector->toJson();
    m_matchesAll = selector->matchesAll();
    QString why;
    m_syncing = true;
    const bool shown = m_rows->setJson(m_canonical, &why);
    // Rows that no longer say what the JSON selects would mislead: the JSON alone shows it.
    if (!shown)
        m_rows->clear();
    m_syncing = false;
    m_rowsUsable = shown;
    m_rowsNote->setText(shown ? QString() : why); // the model's sentence says what to do
    m_rowsNote->setVisible(!shown);
    updateMode();
}

void MigrationSelectorPage::addCondition()
{
    const int row = m_rows->addRow();
    const QModelIndex field = m_rows->index(row, SelectorRowsModel::FieldColumn);
    m_view->setCurrentIndex(field);
    m_view->edit(field);
}

void MigrationSelectorPage::removeConditions()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_rows->removeRows(row, 1);
    if (m_rows->rowCount() == 0)
        m_rows->addRow();
}

void MigrationSelectorPage::updateMode()
{
    const bool matching = m_matching->isChecked();
    m_view->setEnabled(matching && m_rowsUsable);
    m_add->setEnabled(matching && m_rowsUsable);
    m_remove->setEnabled(matching && m_rowsUsable && m_view->selectionModel()->hasSelection());
    m_json->setEnabled(matching);
    if (!matching) {
        const MigrationDraft &draft = m_wizard->draft();
        setStatus(tr("Every row of %1 moves, whatever its metadata. %1 itself and its sub-tenants stay where they are.")
                      .arg(draft.source ? draft.source->tenant.slug : QString()),
                  false);
    } else if (!m_jsonValid) {
        // the error stays shown
    } else if (m_matchesAll) {
        setStatus(tr("Add at least one condition, or choose Everything to move all rows."), false);
    } else {
        setStatus(tr("The preview (next) counts the matching rows exactly."), false);
    }
    Q_EMIT completeChanged();
}

void MigrationSelectorPage::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("QLabel { color: #b3261e; }") : QString());
}

} // namespace tc::ui
