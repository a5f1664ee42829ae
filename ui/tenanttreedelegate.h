#pragma once

#include "models/domain/usage.h"

#include <QIcon>
#include <QStyledItemDelegate>

#include <utility>
#include <vector>

namespace tc::ui {

// Paints the tenant tree: usage next to the limit as a bar coloured by how full it is,
// the lifecycle state as a coloured dot, deleted tenants dimmed, search matches in bold, and
// a warning mark before the name of a tenant whose usage reached a soft threshold.
class TenantTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Shared with the details pane so both use the same colours.
    static QColor usageColor(double fraction);
    static QColor stateColor(const QString &stateKey);
    // Shared with the quota editor, so usage reads the same everywhere: a thin bar filled up
    // to `fraction` (capped at 1) in usageColor(), and cell text in the option's font and
    // the style's (un)selected text colour, elided to fit.
    static void paintUsageBar(QPainter *painter, const QRect &bar, const QPalette &palette, double fraction);
    // The mark of a usage alert: a triangle for a threshold reached, a disc for the last one
    // or the limit; in colours that read on light and on dark palettes. paintAlertMark()
    // draws it into `rect`; alertIcon() holds it drawn for a device of `devicePixelRatio`
    // (not cached: a delegate keeps its own icons).
    static void paintAlertMark(QPainter *painter, const QRectF &rect, AlertLevel level, bool dark);
    static QIcon alertIcon(AlertLevel level, bool dark, qreal devicePixelRatio = 1.0);
    static void paintCellText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                              Qt::Alignment alignment, const QString &text, Qt::TextElideMode elide);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    // Draws the cell's background and selection through the style; returns the prepared
    // option and hands back the text, which the caller paints itself.
    QStyleOptionViewItem drawBackground(QPainter *painter, const QStyleOptionViewItem &option,
                                        const QModelIndex &index, QString *text) const;
    // alertIcon(), made once per level, palette lightness and DPR for this delegate.
    QIcon cachedAlertIcon(AlertLevel level, bool dark, qreal devicePixelRatio) const;

    struct AlertIconKey
    {
        int level = 0;
        bool dark = false;
        qreal dpr = 1.0;
    };
    mutable std::vector<std::pair<AlertIconKey, QIcon>> m_alertIcons;
};

} // namespace tc::ui
