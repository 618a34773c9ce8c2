import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { AdminProductView } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { formatFen } from '@/utils/money';
import { ProductEditForm, summaryLine } from './product-form';
import { MEMBER_PRICE_TIERS, memberOnlyLabel, statusLabel } from './product-form-model';
import { CataloguePage, type CatalogueSpec } from '../shared/catalogue-page';
import '../shared/admin.scss';
import '../shared/tools.scss';
import './products.scss';

/** 商品与会员价: every product with its prices, stock, status and parity problems. Admins edit; moderators read. */
export default function ProductsAdminPage() {
  return <CataloguePage spec={PRODUCTS} />;
}

const PRODUCTS: CatalogueSpec<AdminProductView> = {
  list: 'Products',
  item: 'product',
  words: {
    title: '商品与会员价',
    hint: '会员价不得高于标价和任何渠道价，等级越高价格不得越高；会员只能看到在售商品',
    create: '新建商品',
    readonly: '你是审核员：可以查看商品与价格，修改需由管理员操作。',
    loadFailed: '商品',
    emptyTitle: '还没有商品',
    emptyForAdmins: '点「新建商品」添加第一件商品。',
    emptyForModerators: '管理员添加商品后会显示在这里。',
    ids: {
      page: 'products-admin-page',
      create: 'product-create',
      readonly: 'products-admin-readonly',
      statusError: 'product-status-error',
      error: 'products-admin-error',
      loading: 'products-admin-loading',
      empty: 'products-admin-empty',
      list: 'products-admin-list',
    },
    listClass: 'products-admin-list',
  },
  notice: (products) => {
    const broken = products.filter((product) => product.violations.length > 0).length;
    return broken > 0 ? (
      <Text className="admin-section__error" data-testid="products-admin-broken">
        {broken} 件商品的价格不符合规则，请尽快修改
      </Text>
    ) : null;
  },
  form: (product, onDone) => <ProductEditForm key={product?._id ?? 'new'} product={product} onDone={onDone} />,
  row: (product, canEdit, onEdit) => <ProductRow key={product._id} product={product} canEdit={canEdit} onEdit={onEdit} />,
};

function ProductRow({ product, canEdit, onEdit }: { product: AdminProductView; canEdit: boolean; onEdit: () => void }) {
  const changing = useAdminToolsStore.use.productStatusChanging();
  const setProductStatus = useAdminToolsStore((state) => state.setProductStatus);
  const onSale = product.status === 'on_sale';

  const toggle = async () => {
    const result = await setProductStatus(product._id, onSale ? 'off_shelf' : 'on_sale');
    if (result.ok) void Taro.showToast({ title: onSale ? '已下架' : '已上架', icon: 'success' });
  };

  return (
    <View
      className={`card product-admin${onSale ? '' : ' product-admin--off'}${product.violations.length > 0 ? ' product-admin--broken' : ''}`}
      data-testid={`product-row-${product._id}`}
      data-status={product.status}
    >
      <View className="reward-admin__line">
        <Text className="reward-admin__title">{product.name}</Text>
        <Text className={`admin-chip reward-admin__status admin-chip--${onSale ? 'ok' : 'failed'}`} data-testid={`product-status-label-${product._id}`}>
          {statusLabel(product.status)}
        </Text>
      </View>
      <Text className="reward-admin__meta">
        {product.category || '未分类'} · 库存 {product.stock} · {memberOnlyLabel(product.memberOnlyFromTier)} · 排序 {product.sort}
      </Text>
      <View className="product-admin__prices">
        <Text className="product-admin__price">标价 {formatFen(product.listPriceFen)}</Text>
        {MEMBER_PRICE_TIERS.map(({ tier, label }) => (
          <Text key={tier} className="product-admin__price" data-testid={`product-row-price-${product._id}-${tier}`}>
            {label} {formatFen(product.memberPrices[tier])}
          </Text>
        ))}
      </View>
      {product.channelPrices.length > 0 ? (
        <Text className="reward-admin__meta">渠道价：{product.channelPrices.map((row) => `${row.channel} ${formatFen(row.priceFen)}`).join('，')}</Text>
      ) : null}
      {product.violations.length > 0 ? (
        <View className="product-admin__violations" data-testid={`product-row-violations-${product._id}`}>
          {product.violations.map((violation) => (
            <Text key={`${violation.path}:${violation.message}`} className="product-admin__violation">
              ⚠ {summaryLine(violation.path, violation.message)}
            </Text>
          ))}
        </View>
      ) : null}
      {canEdit ? (
        <View className="reward-admin__actions">
          <Button size="small" fill="outline" onClick={onEdit} disabled={changing !== null} data-testid={`product-edit-${product._id}`}>
            编辑
          </Button>
          <Button
            size="small"
            fill="outline"
            type={onSale ? 'danger' : 'primary'}
            loading={changing === product._id}
            disabled={changing !== null}
            onClick={() => void toggle()}
            data-testid={`product-status-${product._id}`}
          >
            {onSale ? '下架' : '上架'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
