package io.codis.e2e;

import io.codis.common.testkit.Await;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The codis-fe console in a browser, as an operator uses it: fields typed into, buttons clicked, the
 * confirmation and error dialogs answered, and what the page shows read back. Every wait polls the
 * page until it shows what is expected (no fixed sleeps).
 */
final class ConsolePage {
    /** The page re-renders once a second at the fastest refresh; this is ample on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final WebDriver driver;
    private final String feUrl;

    ConsolePage(WebDriver driver, String feUrl) {
        this.driver = driver;
        this.feUrl = feUrl;
    }

    /** Opens the console with {@code product} selected (the URL fragment) and waits for its dashboard. */
    void open(String product) {
        driver.get(feUrl + "/#" + product);
        await("the console to show " + product + "'s dashboard",
                "document.getElementById('overview-product')?.textContent === arguments[0]"
                        + " && !document.body.classList.contains('no-dashboard')", product);
    }

    /**
     * What {@code code} (the body of an async function given the console's module {@code module},
     * e.g. {@code js/ha.js}, as {@code m}) returns, as JSON text; the page is the console's.
     */
    String callModule(String module, String code) {
        if (!driver.getCurrentUrl().startsWith(feUrl)) {
            driver.get(feUrl + "/");
        }
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " import('/' + arguments[0]).then(async m => done(JSON.stringify(await (async () => {" + code + "})())),"
                + " e => done('failed: ' + e));", module);
        return String.valueOf(answer);
    }

    /** Sets the refresh slider to its fastest, one second. */
    void refreshEverySecond() {
        refreshEvery(1);
    }

    /** Moves the refresh slider to {@code seconds}, as dragging it does. */
    void refreshEvery(int seconds) {
        script("const r = document.getElementById('refresh-interval'); r.value = arguments[0];"
                + " r.dispatchEvent(new Event('input'));", seconds);
        await("the refresh interval to be " + seconds + " s",
                "document.getElementById('refresh-interval-value').textContent === arguments[0] + ' s'", seconds);
    }

    /** Replaces the text of the input {@code id}. */
    void type(String id, Object text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(String.valueOf(text));
    }

    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /**
     * Clicks the element whose id is {@code id} once the page shows it (ids with ':' and '.' included),
     * again when the page re-rendered it between finding and clicking (the panels are redrawn each refresh).
     */
    void clickWhenShown(String id) {
        Await.until("#" + id + " to be shown and clicked", PATIENCE, POLL, () -> {
            try {
                driver.findElement(By.cssSelector("[id=\"" + id + "\"]")).click();
                return true;
            } catch (NoSuchElementException | StaleElementReferenceException notThereThisRender) {
                return false;
            }
        });
    }

    /** Waits for the confirmation dialog, answers OK and returns its message. */
    String confirm() {
        String message = openDialog("confirm-dialog", "confirm-message");
        click("confirm-ok");
        awaitClosed("confirm-dialog");
        return message;
    }

    /** A confirmation dialog as shown: its message, and whether it is the red JUST DO IT kind. */
    record Confirmation(String message, boolean dangerous) {
    }

    /** Waits for the confirmation dialog, answers CANCEL and returns it. */
    Confirmation cancel() {
        String message = openDialog("confirm-dialog", "confirm-message");
        boolean dangerous = Boolean.TRUE.equals(script("return document.getElementById('confirm-dialog').classList"
                + ".contains('dangerous') && document.getElementById('confirm-ok').textContent === 'JUST DO IT';"));
        click("confirm-cancel");
        awaitClosed("confirm-dialog");
        return new Confirmation(message, dangerous);
    }

    /** Waits for the error dialog, closes it and returns its message and details. */
    String error() {
        String message = openDialog("error-dialog", "error-message") + "\n" + text("error-details");
        click("error-close");
        awaitClosed("error-dialog");
        return message;
    }

    private String openDialog(String dialog, String messageId) {
        await("the " + dialog + " to open", "document.getElementById(arguments[0]).open", dialog);
        return text(messageId);
    }

    private void awaitClosed(String dialog) {
        await("the " + dialog + " to close", "!document.getElementById(arguments[0]).open", dialog);
    }

    /** The text of the element {@code id} as the page holds it. */
    String text(String id) {
        return String.valueOf(script("return document.getElementById(arguments[0]).textContent;", id));
    }

    /**
     * Each cell of the slot map, in slot order, as {@code GROUP} for a slot at rest or
     * {@code GROUP:STATE>TARGET} for one with an action.
     */
    @SuppressWarnings("unchecked")
    List<String> slotMap() {
        return (List<String>) script("return [...document.querySelectorAll('#slot-map .slot')].map(c =>"
                + " c.dataset.group + (c.dataset.state ? ':' + c.dataset.state + '>' + c.dataset.target : ''));");
    }

    /** Waits until {@code condition}, a JavaScript expression over {@code args} (arguments[i]), holds in the page. */
    void await(String what, String condition, Object... args) {
        await(what, PATIENCE, condition, args);
    }

    /** {@link #await(String, String, Object...)} for up to {@code patience}. */
    void await(String what, Duration patience, String condition, Object... args) {
        Await.until(what, patience, POLL, () -> Boolean.TRUE.equals(script("return Boolean(" + condition + ");", args)));
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }
}
