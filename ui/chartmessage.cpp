#include "ui/chartmessage.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc::ui {

ChartMessage::ChartMessage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("chartMessage"));
    setAttribute(Qt::WA_StyledBackground);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("chartMessageText"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QPushButton(tr("Retr&y"), this);
    m_retry->setObjectName(QStringLiteral("chartRetry"));
    m_retry->setToolTip(tr("Load the usage again"));
    m_retry->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("chartCancel"));
    m_cancel->setToolTip(tr("Stop loading the usage"));
    m_cancel->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->addWidget(m_label);
    layout->addWidget(m_retry, 0, Qt::AlignHCenter);
    layout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    connect(m_retry, &QPushButton::clicked, this, &ChartMessage::retryClicked);
    connect(m_cancel, &QPushButton::clicked, this, &ChartMessage::cancelClicked);
    applyPalette();
    hide();
}

void ChartMessage::show(const QString &text, bool offerRetry, const QString &detail, bool offerCancel)
{
    m_label->setText(text);
    m_label->setToolTip(detail);
    m_retry->setVisible(offerRetry);
    m_cancel->setVisible(offerCancel);
    setVisible(!text.isEmpty());
    placeOver(m_plot);
}

QString ChartMessage::text() const
{
    return isHidden() ? QString() : m_label->text();
}

bool ChartMessage::isRetryOffered() const
{
    return !isHidden() && !m_retry->isHidden();
}

bool ChartMessage::isCancelOffered() const
{
    return !isHidden() && !m_cancel->isHidden();
}

void ChartMessage::placeOver(const QRect &plot)
{
    m_plot = plot;
    if (isHidden() || !parentWidget())
        return;
    QRect area = plot;
    if (area.width() < 60 || area.height() < 30)
        area = parentWidget()->rect();
    setFixedWidth(std::max(120, std::min(area.width() - 16, std::max(240, area.width() * 3 / 4))));
    adjustSize();
    QRect r = rect();
    r.moveCenter(area.center());
    move(r.topLeft());
    raise();
}

void ChartMessage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ChartMessage::applyPalette()
{
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(235);
    const QString sheet = QStringLiteral("#chartMessage { background: rgba(%1, %2, %3, %4); border: 1px solid %5; "
                                         "border-radius: 6px; }")
                              .arg(back.red())
                              .arg(back.green())
                              .arg(back.blue())
                              .arg(back.alpha())
                              .arg(palette().color(QPalette::Mid).name());
    // A style sheet change is a palette change too: set it only when it differs.
    if (sheet != styleSheet())
        setStyleSheet(sheet);
}

} // namespace tc::ui
