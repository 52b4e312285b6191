package org.s3gd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** What a Maven user expects to find about the project: its licence, its address and its sources. */
class ProjectMetadataTest {
    @Test
    void theProjectIsUnderTheApacheLicenceInTheRepositoryAndInThePom() throws Exception {
        String license = Files.readString(Path.of("LICENSE"));
        assertThat(license).contains("Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS");

        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("/project/licenses/license/name", pom)).isEqualTo("Apache-2.0");
        assertThat(xpath.evaluate("/project/licenses/license/url", pom)).isEqualTo("https://www.apache.org/licenses/LICENSE-2.0.txt");
        assertThat(xpath.evaluate("/project/url", pom)).startsWith("https://");
        assertThat(xpath.evaluate("/project/scm/connection", pom)).startsWith("scm:git:");
        assertThat(xpath.evaluate("/project/scm/developerConnection", pom)).startsWith("scm:git:");
        assertThat(xpath.evaluate("/project/scm/url", pom)).isNotBlank();
    }
}
