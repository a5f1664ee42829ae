#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace tc::ui {

// A message centred on a chart's plot ("Loading…" with a Cancel button, "No usage
// recorded…", an error with a Retry button): part of the chart, never a dialog. Hidden while
// it has no text.
class ChartMessage : public QWidget
{
    Q_OBJECT

public:
    explicit ChartMessage(QWidget *parent);

    // `detail` (the server's own text) goes into the tooltip.
    void show(const QString &text, bool offerRetry = false, const QString &detail = {}, bool offerCancel = false);
    void clear() { show(QString()); }
    // Empty while hidden.
    QString text() const;
    bool isRetryOffered() const;
    bool isCancelOffered() const;
    // Centres the message on `plot` (the parent's coordinates).
    void placeOver(const QRect &plot);

Q_SIGNALS:
    void retryClicked();
    void cancelClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_label = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_cancel = nullptr;
    QRect m_plot;
};

} // namespace tc::ui
