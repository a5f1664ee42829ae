#include "ui/tenantpicker.h"

#include "models/items/deliver.h"
#include "models/store/tenantstore.h"
#include "ui/errortext.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace tc::ui {

namespace {
constexpr int kSearchDelayMs = 250;
constexpr int kMaxRows = 100;
constexpr int kTopLevelRow = -1;
constexpr int kMatchIndexRole = Qt::UserRole + 1;
} // namespace

TenantPicker::TenantPicker(TenantStore *store, QWidget *parent) : QWidget(parent), m_store(store)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("pickerSearch"));
    m_search->setPlaceholderText(tr("Search by name or slug"));
    m_search->setClearButtonEnabled(true);
    const QIcon find = QIcon::fromTheme(QStringLiteral("edit-find"));
    if (!find.isNull()) // without an icon theme the slot would be an empty gap
        m_search->addAction(find, QLineEdit::LeadingPosition);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pickerList"));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 10);

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("pickerInfo"));
    m_info->setWordWrap(true);
    m_info->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_info);
    setFocusProxy(m_search);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kSearchDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &TenantPicker::runSearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        runSearch();
    });
    // Down from the search field goes on to the first row that can be chosen.
    auto *toList = new QAction(this);
    toList->setShortcut(Qt::Key_Down);
    toList->setShortcutContext(Qt::WidgetShortcut);
    m_search->addAction(toList);
    connect(toList, &QAction::triggered, this, [this] {
        for (int row = 0; row < m_list->count(); ++row) {
            if (m_list->item(row)->flags() & Qt::ItemIsEnabled) {
                m_list->setCurrentRow(row);
                break;
            }
        }
        m_list->setFocus();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &TenantPicker::choiceChanged);
    // A click on the current row (kept by a new list) selects it without changing the row.
    connect(m_list, &QListWidget::itemSelectionChanged, this, &TenantPicker::choiceChanged);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (item->flags() & Qt::ItemIsEnabled)
            Q_EMIT activated();
    });
}

void TenantPicker::setTopLevelRow(bool shown, const QString &vetoReason)
{
    m_topLevelRow = shown;
    m_topLevelVeto = vetoReason;
}

void TenantPicker::setHint(const QString &text)
{
    m_info->setText(text);
}

void TenantPicker::start()
{
    m_debounce.stop();
    runSearch();
}

void TenantPicker::runSearch()
{
    if (!m_store)
        return;
    const QString text = m_search->text().trimmed();
    const quint64 serial = ++m_serial;
    if (text.isEmpty()) {
        detail::deliver(m_store->children({}, {}, kMaxRows), this, [this, serial](const Result<TenantPage> &page) {
            if (serial != m_serial)
                return; // typed on meanwhile
            if (!page.ok()) {
                showFailure(errorText(page.error()));
                return;
            }
            QList<TenantMatch> matches;
            for (const Tenant &t : page->tenants)
                matches.append({t, {}});
            show({}, matches, page->hasMore);
        });
        return;
    }
    detail::deliver(m_store->search(text, kMaxRows), this, [this, serial, text](const Result<SearchResult> &result) {
        if (serial != m_serial)
            return;
        if (!result.ok()) {
            showFailure(errorText(result.error()));
            return;
        }
        show(text, result->matches, result->truncated);
    });
}

QListWidgetItem *TenantPicker::addRow(const QString &text, int matchIndex, const QString &vetoReason)
{
    auto *item = new QListWidgetItem(text, m_list);
    item->setData(kMatchIndexRole, matchIndex);
    if (!vetoReason.isEmpty()) {
        item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        item->setToolTip(vetoReason);
    }
    return item;
}

void TenantPicker::show(const QString &text, const QList<TenantMatch> &matches, bool truncated)
{
    m_list->clear();
    m_matches = matches;
    if (m_topLevelRow && text.isEmpty()) {
        QListWidgetItem *top = addRow(tr("Top level (no parent)"), kTopLevelRow, m_topLevelVeto);
        QFont italic = top->font();
        italic.setItalic(true);
        top->setFont(italic);
        if (m_topLevelVeto.isEmpty())
            top->setToolTip(tr("A top-level tenant has no parent."));
    }
    int vetoed = 0;
    for (int i = 0; i < m_matches.size(); ++i) {
        const TenantMatch &match = m_matches.at(i);
        const QString veto = m_veto ? m_veto(match) : QString();
        QListWidgetItem *item = addRow(pathOf(match), i, veto);
        if (veto.isEmpty())
            item->setToolTip(match.tenant.displayName);
        else
            ++vetoed;
    }
    const QString greyed = vetoed > 0 ? tr("Greyed-out tenants can't be chosen; point at one to see why.") : QString();
    if (text.isEmpty())
        m_info->setText(truncated ? tr("Showing the first %1 top-level tenants; type to search the whole hierarchy.")
                                        .arg(QLocale().toString(m_matches.size()))
                                  : tr("Type to search the whole hierarchy."));
    else if (m_matches.isEmpty())
        m_info->setText(tr("No tenant matches \"%1\".").arg(text));
    else if (truncated)
        m_info->setText(tr("Showing the first %1 matches; type more to narrow the search.")
                            .arg(QLocale().toString(m_matches.size())));
    else
        m_info->setText(QString());
    if (!greyed.isEmpty())
        m_info->setText(m_info->text().isEmpty() ? greyed : m_info->text() + u' ' + greyed);
    m_info->setVisible(!m_info->text().isEmpty());
    Q_EMIT choiceChanged();
    Q_EMIT listed(text);
}

void TenantPicker::showFailure(const QString &text)
{
    m_list->clear();
    m_matches.clear();
    m_info->setText(tr("The search failed: %1").arg(text));
    m_info->show();
    Q_EMIT choiceChanged();
}

bool TenantPicker::hasChoice() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() && (item->flags() & Qt::ItemIsEnabled);
}

bool TenantPicker::isTopLevelChosen() const
{
    return hasChoice() && m_list->currentItem()->data(kMatchIndexRole).toInt() == kTopLevelRow;
}

std::optional<TenantMatch> TenantPicker::chosen() const
{
    if (!hasChoice())
        return std::nullopt;
    const int index = m_list->currentItem()->data(kMatchIndexRole).toInt();
    if (index < 0 || index >= m_matches.size())
        return std::nullopt;
    return m_matches.at(index);
}

QString TenantPicker::pathOf(const TenantMatch &match)
{
    QStringList slugs;
    for (const Tenant &a : match.ancestors)
        slugs << a.slug;
    slugs << match.tenant.slug;
    return slugs.join(QStringLiteral(" / "));
}

} // namespace tc::ui
