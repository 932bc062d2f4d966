package cn.changai.jobs.cli;

import cn.changai.indicators.Catalogue;
import cn.changai.indicators.Formula;
import cn.changai.indicators.Indicator;
import cn.changai.indicators.Measure;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code changai indicators}: prints the indicator catalogue, without Spark. */
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Print the indicator catalogue; no Spark.",
    description = {
      "Print the indicator catalogue (version " + Catalogue.VERSION + "): every indicator's id, part,",
      "clause, kind, scale, names, numerator and denominator. --json adds the",
      "one-sentence definitions and the per-enterprise measures each indicator is",
      "computed from. Starts no Spark.",
      ""
    },
    footer = {
      "",
      HelpText.EXIT_CODES,
      "  0  printed",
      HelpText.EXIT_1,
      HelpText.EXIT_2,
      "",
      "Example:",
      "  changai indicators --json > catalogue.json"
    })
final class IndicatorsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--json", description = "Print the catalogue as JSON, for machines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.print(json ? json() : table());
    out.flush();
    return ExitCodes.OK;
  }

  static String table() {
    TextTable table = new TextTable(List.of("id", "part", "clause", "kind", "scale", "better", "名称", "name",
        "numerator", "denominator"));
    for (Indicator i : Catalogue.all()) {
      table.add(List.of(i.id(), i.part().name(), i.clause(), i.kind().label(), scale(i.scale()),
          i.direction().label(), i.nameZh(), i.nameEn(), i.numerator(), i.denominator()));
    }
    return "Indicator catalogue, version " + Catalogue.VERSION + " (" + Catalogue.all().size() + " indicators)\n\n"
        + table.render();
  }

  static String json() throws Exception {
    List<Object> indicators = new ArrayList<>();
    for (Indicator i : Catalogue.all()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", i.id());
      entry.put("clause", i.clause());
      entry.put("part", i.part().name());
      entry.put("part_name_zh", i.part().chinese());
      entry.put("part_name_en", i.part().english());
      entry.put("name_zh", i.nameZh());
      entry.put("name_en", i.nameEn());
      entry.put("definition", i.definition());
      entry.put("numerator", i.numerator());
      entry.put("denominator", i.denominator());
      entry.put("scale", i.scale());
      entry.put("direction", i.direction().label());
      entry.put("kind", i.kind().name().toLowerCase(Locale.ROOT));
      entry.put("formula", formula(i.formula()));
      indicators.add(entry);
    }
    Map<String, Object> catalogue = new LinkedHashMap<>();
    catalogue.put("catalogue_version", Catalogue.VERSION);
    catalogue.put("indicators", indicators);
    return JSON.writeValueAsString(catalogue) + "\n";
  }

  private static Map<String, Object> formula(Formula formula) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (formula instanceof Formula.Ratio r) {
      out.put("type", "ratio");
      out.put("numerator", measure(r.numerator()));
      out.put("denominator", measure(r.denominator()));
    } else if (formula instanceof Formula.PooledMeanRatio m) {
      out.put("type", "pooled_mean_ratio");
      out.put("numerator_sum", measure(m.numeratorSum()));
      out.put("numerator_count", measure(m.numeratorCount()));
      out.put("denominator_sum", measure(m.denominatorSum()));
      out.put("denominator_count", measure(m.denominatorCount()));
    } else if (formula instanceof Formula.UnitShare s) {
      out.put("type", "unit_share");
      out.put("needs", s.needs().stream().map(IndicatorsCommand::measure).toList());
    }
    return out;
  }

  private static Map<String, Object> measure(Measure m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.name());
    out.put("measure", m.describe());
    return out;
  }

  private static String scale(double scale) {
    return scale == Math.rint(scale) ? String.format(Locale.ROOT, "%,d", (long) scale) : Double.toString(scale);
  }
}
