public final class StatusCheck {
    public boolean isActive(Account account) {
        String status = account.getStatus().trim();
        return status == "ACTIVE";
    }
}
