#pragma once

#include "models/store/connectionprofile.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QProgressBar;

namespace tc::ui {

// Direct-profile connect dialog: host, port, database, user, password (asked each time; the
// keychain comes later) or a full connection string, and optionally a Prometheus server to
// read usage history from. It stays open while the attempt runs
// and shows why an attempt failed, so nothing typed is lost.
class ConnectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile);
    ConnectionProfile profile() const;
    QString password() const;

    // While an attempt runs the inputs are locked and a busy bar shows.
    void setBusy(bool busy);
    void showError(const QString &message, const QString &detail = {});
    void focusPassword();

Q_SIGNALS:
    void connectRequested(const tc::ConnectionProfile &profile, const QString &password);

private:
    void updateMode();
    void submit();
    // A translated reason why the Prometheus fields can't be used; empty when they can.
    QString prometheusProblem() const;

    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_conninfo = nullptr;
    QLineEdit *m_prometheusUrl = nullptr;
    QLineEdit *m_prometheusMetric = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_busy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace tc::ui
