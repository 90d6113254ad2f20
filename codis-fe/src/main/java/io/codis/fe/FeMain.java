package io.codis.fe;

public final class FeMain {
    public static void main(String[] args) {
    }
}
