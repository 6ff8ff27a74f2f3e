package dev.vantage.check.exposure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorDisclosureTest {

    static Stream<Arguments> recordedTraces() {
        return Stream.of(
                Arguments.of("Python traceback", "<pre>Traceback (most recent call last):\n"
                        + "  File \"/srv/app/views.py\","
                        + " line 42, in index\n    return render(x)\nNameError: name 'x' is not defined</pre>"),
                Arguments.of("Java stack trace", "java.lang.NullPointerException: null\n"
                        + "\tat com.acme.web.OrderController.show(OrderController.java:57)\n"
                        + "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"),
                Arguments.of(".NET stack trace", "System.InvalidOperationException: Sequence contains no elements\n"
                        + "   at Acme.Web.Controllers.HomeController.Index() in "
                        + "C:\\src\\Acme\\HomeController.cs:line 23"),
                Arguments.of("PHP error with file path", "<br />\n<b>Fatal error</b>:  Uncaught Error: "
                        + "Call to undefined "
                        + "function foo() in /var/www/html/index.php:3 on line <b>3</b><br />"),
                Arguments.of("PHP stack trace", "PHP Fatal error: Uncaught Exception: boom\nStack trace:\n#0 "
                        + "/var/www/html/index.php(12): run()\n#1 {main}"),
                Arguments.of("Node.js stack trace", "<pre>TypeError: Cannot read properties of undefined (reading 'id')"
                        + "<br> &nbsp; &nbsp;at /app/routes/orders.js:14:22<br> &nbsp; &nbsp;at Layer.handle "
                        + "[as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)</pre>"),
                Arguments.of("Ruby backtrace", "NoMethodError (undefined method `name' for nil):\n"
                        + "app/controllers/users_controller.rb:12:in `show'\n"
                        + "actionpack (7.0.4) lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action'"),
                Arguments.of("Go panic", "panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n"
                        + "main.handler(...)\n\t/home/dev/app/main.go:27 +0x1d"),
                Arguments.of("Werkzeug interactive debugger (Flask)", "<title>ZeroDivisionError // Werkzeug Debugger"
                        + "</title>"),
                Arguments.of("Django debug page (DEBUG = True)", "<p>You're seeing this error because you have "
                        + "<code>DEBUG = True</code> in your Django settings file.</p>"),
                Arguments.of("Rails debug page", "<title>Action Controller: Exception caught</title>"),
                Arguments.of("Symfony debug page", "<head><title>Division by zero (500 Internal Server Error)"
                        + "</title></head><body><abbr title=\"Symfony\\Component\\ErrorHandler\\Error\">"),
                Arguments.of("ASP.NET detailed error page", "<h1>Server Error in '/' Application.</h1>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedTraces")
    void recognisesRecordedTracesAndDebugPages(String what, String body) {
        assertThat(ErrorDisclosure.find(body)).hasValueSatisfying(hit -> {
            assertThat(hit.what()).isEqualTo(what);
            assertThat(hit.excerpt()).isNotBlank().hasSizeLessThanOrEqualTo(121);
        });
    }

    @Test
    void debugPagesAreMarkedWorseThanTraces() {
        assertThat(ErrorDisclosure.find("<title>X // Werkzeug Debugger</title>").orElseThrow().debugPage()).isTrue();
        assertThat(ErrorDisclosure.find("Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>")
                .orElseThrow().debugPage()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<h1>Internal Server Error</h1><p>Something went wrong. Request id 7f3a.</p>",
            "<p>Python prints a Traceback (most recent call last): when an exception is not handled.</p>",
            "Our Java service threw a NullPointerException yesterday; we fixed it.",
            "<h1>Whitelabel Error Page</h1><p>There was an unexpected error (type=Not Found, status=404).</p>",
            "{\"error\":\"not_found\",\"message\":\"No route GET /x\"}",
            // Minified JS building its own stack strings: no file:line:column frames
            "function f(e){return\"at \"+e.name+\" (\"+e.file+\")\"}var s='at new Promise (<anonymous>)';",
            "One frame only:\n    at com.acme.Main.main(Main.java:3)\n",
            "Stack trace: none available",
            "Meeting at /office/room1:10:30 tomorrow"})
    void nearMissesDoNotMatch(String body) {
        assertThat(ErrorDisclosure.find(body)).isEmpty();
    }
}
