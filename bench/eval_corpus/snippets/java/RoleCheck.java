package com.example.auth;

public class RoleCheck {
    public boolean canApprove(String role, int amount) {
        if (role == "manager") {
            return amount < 10_000;
        }
        return role.equals("director");
    }
}
