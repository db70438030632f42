package io.sluice.gateway.planning;

import static java.util.Objects.requireNonNull;

import io.sluice.gateway.error.SluiceException;
import io.sluice.connectors.jdbc.DependentJoin;
import io.sluice.connectors.jdbc.KeyFilteredProbe;
import io.sluice.gateway.metering.MeteredInput;
import io.sluice.gateway.error.SqlState;
import io.sluice.gateway.session.SessionContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Pair;

/**
 * Turns SQL text into a compiled, runnable plan:
 *
 * <pre>
 *  text ─parse─▶ SqlNode ─validate─▶ SqlNode ─to rel─▶ logical plan
 *       ─normalise (sub-queries → joins, decorrelate)─▶ logical plan
 *       ─{@link PlanRewriter} (policy: filters and masks over scans)─▶ logical plan
 *       ─{@link JoinOrderProgram}: trim, join order, Volcano with each source's pushdown rules─▶ physical plan
 *       ─compile─▶ Bindable
 * </pre>
 *
 * The parser is Calcite's Babel parser set up like PostgreSQL: {@code ::} casts, ILIKE,
 * LIMIT/OFFSET, unquoted names folded to lower case and matched case-insensitively. A planner
 * is cheap to share; each call builds its own Calcite planner, so calls may run concurrently.
 */
public final class SqlPlanner {
    private static final Program NORMALISE = Programs.sequence(
            Programs.of(new HepProgramBuilder().addRuleInstance(ExistsToSemiJoinRule.INSTANCE).build(), false,
                    PlannerMetadata.PROVIDER),
            Programs.subQuery(PlannerMetadata.PROVIDER), Programs.decorrelate());

    private final Catalog catalog;
    private final PlanRewriter rewriter;
    private final CalciteConnectionConfig connectionConfig;

    public SqlPlanner(Catalog catalog, PlanRewriter rewriter) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.rewriter = requireNonNull(rewriter, "rewriter is null");
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        properties.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "TO_LOWER");
        properties.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        properties.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "BABEL");
        properties.setProperty(CalciteConnectionProperty.FUN.camelName(), "standard,postgresql");
        properties.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), "HIGH");
        this.connectionConfig = new CalciteConnectionConfigImpl(properties);
    }

    public PlannedQuery plan(String sql, SessionContext session) {
        SqlNode parsed = parse(sql);
        if (!parsed.isA(SqlKind.QUERY)) {
            throw new SluiceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "Sluice answers queries only; " + parsed.getKind().sql + " statements are not supported");
        }
        JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteCatalogReader reader = newReader(typeFactory);
        SqlValidator validator = newValidator(reader, typeFactory);
        List<String> userNames = ColumnNames.fromSelectList(parsed);
        SqlNode validated = validator.validate(parsed);
        List<ResultColumn> parameters = validator.getParameterRowType(validated).getFieldList().stream()
                .map(f -> ResultColumn.of(f.getName(), f.getType()))
                .toList();

        VolcanoPlanner planner = newPlanner();
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
        cluster.setMetadataProvider(PlannerMetadata.PROVIDER);
        SqlToRelConverter converter = newConverter(validator, reader, cluster);
        RelRoot root = converter.convertQuery(validated, false, true);
        RelNode logical = converter.flattenTypes(root.rel, true);
        logical = NORMALISE.run(planner, logical, logical.getTraitSet(), List.of(), List.of());
        DistinctWindows.reject(logical);
        List<AccessSummary.TableRead> tablesRead =
                TablesRead.of(logical, RelBuilder.proto(Contexts.of(RelBuilder.Config.DEFAULT.withSimplify(false)))
                        .create(cluster, reader));
        PlanRewriter.Rewritten rewritten = rewriter.rewrite(logical, new PlanRewriter.RewriteContext() {
            @Override
            public SessionContext session() {
                return session;
            }

            @Override
            public String sql() {
                return sql;
            }

            @Override
            public List<AccessSummary.TableRead> tablesRead() {
                return tablesRead;
            }

            @Override
            public RelNode toRel(SqlNode query) {
                SqlNode valid = validator.validate(query);
                return converter.flattenTypes(converter.convertQuery(valid, false, true).rel, true);
            }
        });
        logical = rewritten.plan();

        RelTraitSet desired = logical.getTraitSet().replace(EnumerableConvention.INSTANCE)
                .replace(root.collation).simplify();
        RelNode physical = JoinOrderProgram.create(planner).run(planner, logical, desired, List.of(), List.of());
        EnumerableRel top = projectRootFields(root.withRel(physical));

        Map<String, Object> internalParameters = new HashMap<>();
        Bindable<?> bindable = compile(top, reader, internalParameters);
        List<String> names = ColumnNames.postgres(userNames, root.validatedRowType.getFieldNames());
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(ResultColumn.of(names.get(i), root.validatedRowType.getFieldList().get(i).getType()));
        }
        return new PlannedQuery(sql, columns, parameters, top, bindable, internalParameters,
                fragments(top, typeFactory), catalog.root(), rewritten.access());
    }

    /** Generates and compiles the code that runs {@code plan}, filling the values it reads at run time. */
    private static Bindable<?> compile(EnumerableRel plan, CalciteCatalogReader reader,
            Map<String, Object> internalParameters) {
        internalParameters.put("_conformance", SluiceConformance.INSTANCE);
        try {
            Prepare.CatalogReader.THREAD_LOCAL.set(reader);
            return EnumerableInterpretable.toBindable(internalParameters, null, plan, EnumerableRel.Prefer.ARRAY);
        } finally {
            Prepare.CatalogReader.THREAD_LOCAL.remove();
        }
    }

    /**
     * The statement compiled again with every operator counting its rows and time, for EXPLAIN
     * ANALYZE; {@code operators} receives the operators in the numbering the statistics use.
     */
    public PlannedQuery instrumented(PlannedQuery query, List<RelNode> operators) {
        EnumerableRel metered = (EnumerableRel) MeteredInput.meterEveryOperator(query.plan(), operators);
        Map<String, Object> internalParameters = new HashMap<>();
        Bindable<?> bindable = compile(metered,
                newReader(new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE)), internalParameters);
        return new PlannedQuery(query.sql(), query.columns(), query.parameters(), metered, bindable,
                internalParameters, query.fragments(), query.root(), query.access());
    }

    private CalciteCatalogReader newReader(JavaTypeFactory typeFactory) {
        return new CalciteCatalogReader(catalog.rootSchema(), List.of(), typeFactory, connectionConfig);
    }

    private static SqlValidator newValidator(CalciteCatalogReader reader, JavaTypeFactory typeFactory) {
        return SqlValidatorUtil.newValidator(
                SqlOperatorTables.chain(
                        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD,
                                SqlLibrary.POSTGRESQL),
                        reader),
                reader, typeFactory,
                SqlValidator.Config.DEFAULT
                        .withConformance(SluiceConformance.INSTANCE)
                        .withDefaultNullCollation(NullCollation.HIGH)
                        .withIdentifierExpansion(true));
    }

    private VolcanoPlanner newPlanner() {
        VolcanoPlanner planner = new VolcanoPlanner(null, Contexts.of(connectionConfig));
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, false);
        planner.setExecutor(new RexExecutorImpl(DataContexts.EMPTY));
        return planner;
    }

    /** A converter that expands views (see {@link ConfiguredView}) in place, with the same settings. */
    private SqlToRelConverter newConverter(SqlValidator validator, CalciteCatalogReader reader,
            RelOptCluster cluster) {
        return new SqlToRelConverter(
                (rowType, queryString, schemaPath, viewPath) -> {
                    JavaTypeFactory typeFactory = (JavaTypeFactory) cluster.getTypeFactory();
                    SqlValidator viewValidator = newValidator(reader, typeFactory);
                    try {
                        SqlNode view = viewValidator.validate(parse(queryString));
                        return newConverter(viewValidator, reader, cluster).convertQuery(view, false, true);
                    } catch (RuntimeException e) {
                        // Compiled at start-up, so the tables under it changed since: the view is
                        // to blame, and positions in its SQL mean nothing in the statement's.
                        throw ViewDefinitionException.blame(viewPath == null ? "?" : viewPath.getLast(), queryString,
                                e);
                    }
                },
                validator, reader, cluster, StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config()
                        .withExpand(false)
                        // No folding while converting: `denied_col IS NULL` on a NOT NULL column must
                        // still reference the column when policy checks which columns are read.
                        .withRelBuilderConfigTransform(c -> c.withSimplify(false))
                        .withTrimUnusedFields(false)
                        // Keep IN lists as predicates a source can evaluate, not joins with VALUES.
                        .withInSubQueryThreshold(Integer.MAX_VALUE));
    }

    /**
     * Compiles a view's SQL as a statement would read it, before policy: its row type, and what a
     * read of all of it and of each of its columns reads from policy tables (the same trimming that
     * finds the columns a statement reads, so catalogs and denials agree).
     */
    ConfiguredView.Compiled compileView(String name, String sql) {
        SqlNode parsed = parse(sql);
        if (!parsed.isA(SqlKind.QUERY)) {
            throw new SluiceException(SqlState.INVALID_OBJECT_DEFINITION,
                    "a view is one query; " + parsed.getKind().sql + " is not a query");
        }
        JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteCatalogReader reader = newReader(typeFactory);
        SqlValidator validator = newValidator(reader, typeFactory);
        List<String> userNames = ColumnNames.fromSelectList(parsed);
        SqlNode validated = validator.validate(parsed);
        RelDataType rowType = ConfiguredView.named(validator.getValidatedNodeType(validated), userNames,
                typeFactory);
        VolcanoPlanner planner = newPlanner();
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
        cluster.setMetadataProvider(PlannerMetadata.PROVIDER);
        SqlToRelConverter converter = newConverter(validator, reader, cluster);
        RelNode logical = converter.flattenTypes(converter.convertQuery(validated, false, true).project(), true);
        logical = NORMALISE.run(planner, logical, logical.getTraitSet(), List.of(), List.of());
        RelBuilder relBuilder = RelBuilder.proto(Contexts.of(RelBuilder.Config.DEFAULT.withSimplify(false)))
                .create(cluster, reader);
        List<List<AccessSummary.TableRead>> columns = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            columns.add(TablesRead.of(relBuilder.push(logical).project(relBuilder.field(i)).build(), relBuilder));
        }
        return ConfiguredView.Compiled.of(rowType, new ViewReads(TablesRead.of(logical, relBuilder), columns));
    }

    private SqlNode parse(String sql) {
        SqlParser.Config config = SqlParser.config()
                .withParserFactory(org.apache.calcite.sql.parser.babel.SqlBabelParserImpl.FACTORY)
                .withConformance(SqlConformanceEnum.BABEL)
                .withQuoting(org.apache.calcite.avatica.util.Quoting.DOUBLE_QUOTE)
                .withUnquotedCasing(org.apache.calcite.avatica.util.Casing.TO_LOWER)
                .withQuotedCasing(org.apache.calcite.avatica.util.Casing.UNCHANGED)
                .withCaseSensitive(false);
        try {
            return SqlParser.create(sql, config).parseStmt();
        } catch (SqlParseException e) {
            throw io.sluice.gateway.error.ErrorTranslator.translate(e, sql);
        }
    }

    /** The optimiser may carry extra fields; the client gets exactly the validated columns. */
    private static EnumerableRel projectRootFields(RelRoot root) {
        EnumerableRel enumerable = (EnumerableRel) root.rel;
        if (root.isRefTrivial()) {
            return enumerable;
        }
        RexBuilder rexBuilder = enumerable.getCluster().getRexBuilder();
        List<RexNode> projects = new ArrayList<>();
        for (int field : Pair.left(root.fields)) {
            projects.add(rexBuilder.makeInputRef(enumerable, field));
        }
        RexProgram program = RexProgram.create(enumerable.getRowType(), projects, null, root.validatedRowType,
                rexBuilder);
        return EnumerableCalc.create(enumerable, program);
    }

    /** The SQL each source fragment sends, generated exactly as the fragment will generate it. */
    static List<SourceFragment> fragments(RelNode plan, JavaTypeFactory typeFactory) {
        List<SourceFragment> fragments = new ArrayList<>();
        collectFragments(plan, true, typeFactory, fragments);
        return fragments;
    }

    private static void collectFragments(RelNode node, boolean independent, JavaTypeFactory typeFactory,
            List<SourceFragment> out) {
        if (node instanceof JdbcToEnumerableConverter converter
                && converter.getInput() instanceof JdbcRel jdbc
                && jdbc.getConvention() instanceof JdbcConvention convention) {
            String sql = new JdbcImplementor(convention.dialect, typeFactory).visitRoot(jdbc)
                    .asStatement().toSqlString(convention.dialect).getSql();
            out.add(new SourceFragment(sourceName(convention), sql, independent && !sql.contains("?"),
                    maxRows(jdbc)));
            return;
        }
        for (RelNode input : node.getInputs()) {
            boolean filteredAtRunTime = node instanceof KeyFilteredProbe
                    || (node instanceof DependentJoin join && join.probe() == input);
            collectFragments(input, independent && !filteredAtRunTime, typeFactory, out);
        }
    }

    /**
     * A bound on a fragment's rows from Calcite's metadata: its maximum row count (LIMIT, a global
     * aggregate), or one row when the empty column set is unique, which is how the metadata says
     * that every column of a key is equal to a constant.
     */
    private static OptionalLong maxRows(RelNode fragment) {
        RelMetadataQuery mq = fragment.getCluster().getMetadataQuery();
        if (Boolean.TRUE.equals(mq.areColumnsUnique(fragment, ImmutableBitSet.of()))) {
            return OptionalLong.of(1);
        }
        Double max = mq.getMaxRowCount(fragment);
        return max != null && max < Long.MAX_VALUE ? OptionalLong.of(max.longValue()) : OptionalLong.empty();
    }

    private static String sourceName(JdbcConvention convention) {
        String name = convention.getName();
        return name.startsWith("JDBC.") ? name.substring("JDBC.".length()) : name;
    }

}
