#include "ui/quotadelegate.h"

#include "models/domain/resourceunit.h"
#include "ui/tenanttreedelegate.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QPersistentModelIndex>
#include <QToolTip>

namespace tc::ui {

namespace {

const char *const kIndexProperty = "quotaIndex";
const char *const kProblemProperty = "quotaProblem";

QString example(ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: return QStringLiteral("1.5M");
    case ResourceUnit::Bytes: return QStringLiteral("500 GB");
    case ResourceUnit::PerMinute: return QStringLiteral("6K/min");
    case ResourceUnit::Seconds: return QStringLiteral("300 s");
    case ResourceUnit::Usd: return QStringLiteral("$500");
    }
    return {};
}

QString unitWords(ResourceUnit unit)
{
    switch (unit) {
    case ResourceUnit::Count: return QuotaDelegate::tr("a count");
    case ResourceUnit::Bytes: return QuotaDelegate::tr("bytes");
    case ResourceUnit::PerMinute: return QuotaDelegate::tr("a rate per minute");
    case ResourceUnit::Seconds: return QuotaDelegate::tr("seconds");
    case ResourceUnit::Usd: return QuotaDelegate::tr("US dollars");
    }
    return {};
}

} // namespace

QString QuotaDelegate::rejectionText(const QuotaTableModel::Rejection &rejection, const Quota &quota)
{
    using Kind = QuotaTableModel::Rejection::Kind;
    const ResourceUnit unit = rejection.unit;
    switch (rejection.kind) {
    case Kind::ReadOnly: return tr("Quotas can't be changed in this session.");
    case Kind::Busy: return tr("Wait until the changes being applied are written.");
    case Kind::BadThresholds:
        return tr("Enter up to %1 different percentages from 1 to 100, e.g. \"80, 90, 95\"; leave it empty for no alerts.")
            .arg(kMaxSoftThresholds);
    case Kind::Unparsable: {
        const QString offending = rejection.parseError.offending;
        switch (rejection.parseError.reason) {
        case QuantityParseError::Reason::Empty:
            return tr("Enter a limit such as %1, or \"inherit\" or \"unlimited\".").arg(example(unit));
        case QuantityParseError::Reason::NotANumber:
            return tr("\"%1\" is not a number. Enter a limit such as %2, or \"inherit\" or \"unlimited\".")
                .arg(offending, example(unit));
        case QuantityParseError::Reason::Negative: return tr("A limit can't be negative. Enter 0 or more.");
        case QuantityParseError::Reason::UnknownSuffix:
            return tr("\"%1\" is not a unit of %2, which is measured in %3. Enter e.g. %4.")
                .arg(offending, quota.displayName, unitWords(unit), example(unit));
        case QuantityParseError::Reason::TooLarge:
            return tr("That is more than the largest limit that can be stored. Enter a smaller number, or "
                      "\"unlimited\".");
        case QuantityParseError::Reason::Fractional:
            return tr("%1 is counted in whole units. Enter a whole number, e.g. %2.").arg(quota.displayName, example(unit));
        }
        break;
    }
    case Kind::Violation: {
        const QString bound = formatQuantity(rejection.violation.bound, unit);
        const QString slug = rejection.violation.boundSlug;
        switch (rejection.violation.reason) {
        case QuotaViolation::Reason::AboveParent:
            return tr("Above the parent's limit of %1 (set on %2). Raise %2's limit first or enter at most %1.")
                .arg(bound, slug);
        case QuotaViolation::Reason::BelowDescendant:
            return tr("Below the limit of %1 set on the sub-tenant %2. Lower %2's limit first or enter at least %1.")
                .arg(bound, slug);
        case QuotaViolation::Reason::UnlimitedUnderLimit:
            return tr("Can't be unlimited: %2 limits it to %1. Enter \"inherit\" to use that limit, or at most %1.")
                .arg(bound, slug);
        }
        break;
    }
    }
    return tr("This value can't be used here.");
}

void QuotaDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != QuotaTableModel::ResourceColumn)
        return;
    // Staged and conflicting rows are marked by more than a tint, which some palettes hide.
    if (index.data(QuotaTableModel::ConflictRole).isValid())
        option->text = QStringLiteral("⚠ ") + option->text;
    else if (index.data(QuotaTableModel::ModifiedRole).toBool())
        option->text = QStringLiteral("● ") + option->text;
}

void QuotaDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != QuotaTableModel::PercentColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QVariant fraction = index.data(QuotaTableModel::FractionRole);
    if (fraction.isValid()) {
        const QRect bar = opt.rect.adjusted(4, opt.rect.height() - 6, -4, -3);
        TenantTreeDelegate::paintUsageBar(painter, bar, opt.palette, fraction.toDouble());
        // Where the soft alerts fire, so a bar close to one reads as such.
        painter->save();
        QColor tick = opt.palette.color(QPalette::Text);
        tick.setAlpha(110);
        painter->setPen(tick);
        for (int percent : index.data(QuotaTableModel::ThresholdsRole).value<QList<int>>()) {
            const int x = bar.left() + bar.width() * percent / 100;
            painter->drawLine(x, bar.top() - 2, x, bar.bottom());
        }
        painter->restore();
    }
    TenantTreeDelegate::paintCellText(painter, opt, opt.rect.adjusted(4, 0, -6, -4), Qt::AlignRight, text, Qt::ElideLeft);
}

QSize QuotaDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 12));
    return size;
}

QWidget *QuotaDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(option);
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QStringLiteral("quotaCellEditor"));
    edit->setProperty(kIndexProperty, QVariant::fromValue(QPersistentModelIndex(index)));
    if (index.column() == QuotaTableModel::AlertsColumn) {
        edit->setPlaceholderText(tr("e.g. 80, 90, 95"));
        edit->setToolTip(tr("Percentages of the limit at which operators are alerted; empty for none."));
    } else {
        const ResourceUnit unit = index.data(QuotaTableModel::QuotaRole).value<Quota>().unit;
        edit->setPlaceholderText(tr("e.g. %1, inherit, unlimited").arg(example(unit)));
        edit->setToolTip(tr("A limit such as %1, \"inherit\" for the parent's limit, or \"unlimited\".").arg(example(unit)));
    }
    connect(edit, &QLineEdit::textEdited, this, [this, edit] { validate(edit); });
    return edit;
}

void QuotaDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *edit = qobject_cast<QLineEdit *>(editor);
    if (!edit)
        return;
    edit->setText(index.data(Qt::EditRole).toString());
    edit->selectAll();
    validate(edit);
}

void QuotaDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
        // Unchanged text is no edit (and no message about a value nobody typed).
        if (edit->text() != index.data(Qt::EditRole).toString())
            model->setData(index, edit->text(), Qt::EditRole);
    }
}

std::optional<QString> QuotaDelegate::problemWith(const QWidget *editor) const
{
    const auto *edit = qobject_cast<const QLineEdit *>(editor);
    const QModelIndex index = editor->property(kIndexProperty).value<QPersistentModelIndex>();
    const auto *model = qobject_cast<const QuotaTableModel *>(index.model());
    if (!edit || !model)
        return std::nullopt;
    const auto rejection = index.column() == QuotaTableModel::AlertsColumn
                               ? model->checkThresholdsText(index.row(), edit->text())
                               : model->checkLimitText(index.row(), edit->text());
    if (!rejection)
        return std::nullopt;
    return rejectionText(*rejection, model->quotaAt(index.row()));
}

void QuotaDelegate::validate(QWidget *editor) const
{
    const std::optional<QString> problem = problemWith(editor);
    const QString message = problem.value_or(QString());
    if (editor->property(kProblemProperty).toString() == message && editor->property(kProblemProperty).isValid())
        return;
    editor->setProperty(kProblemProperty, message);
    if (problem) {
        editor->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid #d93025; border-radius: 2px; }"));
        editor->setToolTip(message);
        if (editor->isVisible())
            QToolTip::showText(editor->mapToGlobal(QPoint(0, editor->height())), message, editor);
    } else {
        editor->setStyleSheet(QString());
        QToolTip::hideText();
    }
    Q_EMIT const_cast<QuotaDelegate *>(this)->editorValidated(message);
}

bool QuotaDelegate::eventFilter(QObject *object, QEvent *event)
{
    auto *editor = qobject_cast<QWidget *>(object);
    if (editor && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (const auto problem = problemWith(editor)) {
                // Keep the editor open with what was typed, and say why once more.
                QToolTip::showText(editor->mapToGlobal(QPoint(0, editor->height())), *problem, editor);
                Q_EMIT editorValidated(*problem);
                return true;
            }
        }
    }
    return QStyledItemDelegate::eventFilter(object, event);
}

} // namespace tc::ui
