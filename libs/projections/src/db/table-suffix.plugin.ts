import {
  IdentifierNode,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';

/**
 * Points every table of a query at `<table><suffix>`. A rebuild projects into suffixed twins of the
 * read-model tables with the very same typed code, then swaps them in (see rebuild.ts).
 */
export class TableSuffixPlugin implements KyselyPlugin {
  private readonly transformer: SuffixTransformer;

  constructor(readonly suffix: string) {
    this.transformer = new SuffixTransformer(suffix);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class SuffixTransformer extends OperationNodeTransformer {
  constructor(private readonly suffix: string) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const name = node.table.identifier.name;
    // `excluded` is the row proposed by an upsert, not a table of ours.
    if (name === 'excluded' || name.endsWith(this.suffix)) return node;
    return { ...node, table: { ...node.table, identifier: IdentifierNode.create(name + this.suffix) } };
  }
}
