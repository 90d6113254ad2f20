package io.codis.dashboard;

public final class DashboardMain {
    public static void main(String[] args) {
    }
}
