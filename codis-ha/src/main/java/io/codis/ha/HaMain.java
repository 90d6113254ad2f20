package io.codis.ha;

public final class HaMain {
    public static void main(String[] args) {
    }
}
