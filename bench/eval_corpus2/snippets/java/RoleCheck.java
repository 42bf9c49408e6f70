public class RoleCheck {
    public boolean isAdmin(String role) {
        return role == "admin";
    }
}
