package main

// Builds the simulated vCenter from an inventory: inventory objects are created through
// vcsim's own SOAP methods (so parents, folders, resource pools and networks are wired as
// vcsim expects), then their properties are set directly to what vCenter reports.

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// nicTypes are the HostVirtualNicManagerNicType values an ESXi 6.x host reports, in its order.
var nicTypes = []string{
	"faultToleranceLogging", "management", "vSphereProvisioning",
	"vSphereReplication", "vSphereReplicationNFC", "vmotion", "vsan",
}

const (
	pnicKeyPrefix    = "key-vim.host.PhysicalNic-"
	vnicKeyPrefix    = "key-vim.host.VirtualNic-"
	vswitchKeyPrefix = "key-vim.host.VirtualSwitch-"
	vssPGKeyPrefix   = "key-vim.host.PortGroup-"
	uplinkPGTag      = "SYSTEM/DVS.UPLINKPG"
	proxySwitchPorts = 512
)

type world struct {
	inv      *inventory
	client   *vim25.Client
	ctx      context.Context
	dcs      map[string]*dcInfo
	clusters map[string]*simulator.ClusterComputeResource
	hosts    map[string]*simulator.HostSystem
	switches []*builtSwitch
	vcsaVM   *simulator.VirtualMachine
}

type dcInfo struct {
	folders *object.DatacenterFolders
}

type builtSwitch struct {
	inv      dvSwitch
	obj      *simulator.DistributedVirtualSwitch
	uplinkPG *simulator.DistributedVirtualPortgroup
	pgs      map[string]*simulator.DistributedVirtualPortgroup
	product  types.DistributedVirtualSwitchProductSpec
	nextPort int
	// hostPorts maps host name -> uplink port name (uplink1, lag1-0, ...) -> DV port key.
	hostPorts map[string]map[string]string
	lagKeys   map[string]string
	pgPorts   map[string][]string
}

func (s *builtSwitch) newPort() string {
	key := strconv.Itoa(s.nextPort)
	s.nextPort++
	return key
}

func buildWorld(inv *inventory) (*simulator.Model, *world, error) {
	m := simulator.VPX()
	// An empty vCenter: every inventory object below comes from the fixture.
	m.Datacenter, m.Portgroup, m.Host, m.Cluster, m.ClusterHost = 0, 0, 0, 0, 0
	m.Datastore, m.Machine, m.Autostart = 0, 0, false
	if err := m.Create(); err != nil {
		return nil, nil, fmt.Errorf("creating the simulator: %v", err)
	}
	ctx := context.Background()
	client, err := vim25.NewClient(ctx, m.Service)
	if err != nil {
		return nil, nil, fmt.Errorf("in-process client: %v", err)
	}
	w := &world{
		inv: inv, client: client, ctx: ctx,
		dcs:      map[string]*dcInfo{},
		clusters: map[string]*simulator.ClusterComputeResource{},
		hosts:    map[string]*simulator.HostSystem{},
	}
	steps := []func() error{
		w.about, w.datacenters, w.buildClusters, w.buildHosts, w.buildSwitches,
		w.hostNetworks, w.machines, w.switchConfigs, w.vmwareSwitchType,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, nil, err
		}
	}
	installPagingCollector()
	return m, w, nil
}

func (w *world) about() error {
	si := simulator.Map.Get(vim25.ServiceInstance).(*simulator.ServiceInstance)
	about := &si.Content.About
	if src := w.inv.Source; src != nil {
		if src.InstanceUUID != "" {
			about.InstanceUuid = src.InstanceUUID
		}
		if src.APIVersion != "" {
			about.ApiVersion = src.APIVersion
			about.Version = threePart(src.APIVersion)
			about.FullName = fmt.Sprintf("VMware vCenter Server %s build-%s", about.Version, about.Build)
		}
	}
	return nil
}

// threePart turns "6.0" into "6.0.0", the form vCenter and ESXi use for product versions.
func threePart(v string) string {
	if strings.Count(v, ".") == 1 {
		return v + ".0"
	}
	return v
}

// majorMinor turns "6.0.0" into "6.0", the form of AboutInfo.apiVersion.
func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + parts[1]
	}
	return v
}

func (w *world) datacenters() error {
	root := object.NewRootFolder(w.client)
	for _, d := range w.inv.Datacenters {
		dc, err := root.CreateDatacenter(w.ctx, d.Name)
		if err != nil {
			return fmt.Errorf("datacenter %q: %v", d.Name, err)
		}
		folders, err := dc.Folders(w.ctx)
		if err != nil {
			return fmt.Errorf("datacenter %q folders: %v", d.Name, err)
		}
		w.dcs[d.Name] = &dcInfo{folders: folders}
	}
	return nil
}

func (w *world) buildClusters() error {
	for _, c := range w.inv.Clusters {
		folders := w.dcs[c.Datacenter].folders
		obj, err := folders.HostFolder.CreateCluster(w.ctx, c.Name, types.ClusterConfigSpecEx{})
		if err != nil {
			return fmt.Errorf("cluster %q: %v", c.Name, err)
		}
		cc := simulator.Map.Get(obj.Reference()).(*simulator.ClusterComputeResource)
		das := types.ClusterDasConfigInfo{
			Enabled:                 types.NewBool(c.HaEnabled),
			HostMonitoring:          string(types.ClusterDasConfigInfoServiceStateEnabled),
			VmMonitoring:            string(types.ClusterDasConfigInfoVmMonitoringStateVmMonitoringDisabled),
			FailoverLevel:           c.HaHostFailuresTolerated,
			AdmissionControlEnabled: types.NewBool(c.HaHostFailuresTolerated > 0),
			AdmissionControlPolicy: &types.ClusterFailoverLevelAdmissionControlPolicy{
				FailoverLevel: c.HaHostFailuresTolerated,
			},
		}
		drs := types.ClusterDrsConfigInfo{
			Enabled:           types.NewBool(c.DrsEnabled),
			DefaultVmBehavior: types.DrsBehaviorFullyAutomated,
			VmotionRate:       3,
		}
		cfg := cc.ConfigurationEx.(*types.ClusterConfigInfoEx)
		cfg.DasConfig = das
		cfg.DrsConfig = drs
		// The pre-5.0 "configuration" property, which vCenter still fills.
		cc.Configuration = types.ClusterConfigInfo{DasConfig: das, DrsConfig: drs}
		if s, ok := cc.Summary.(*types.ClusterComputeResourceSummary); ok {
			s.CurrentFailoverLevel = c.HaHostFailuresTolerated
		}
		w.clusters[c.Name] = cc
	}
	return nil
}

func (w *world) buildHosts() error {
	for _, h := range w.inv.Hosts {
		spec := types.HostConnectSpec{HostName: h.Name}
		var task *object.Task
		var err error
		if h.Cluster != "" {
			cluster := object.NewClusterComputeResource(w.client, w.clusters[h.Cluster].Self)
			task, err = cluster.AddHost(w.ctx, spec, true, nil, nil)
		} else {
			task, err = w.dcs[h.Datacenter].folders.HostFolder.AddStandaloneHost(w.ctx, spec, true, nil, nil)
		}
		if err != nil {
			return fmt.Errorf("host %q: %v", h.Name, err)
		}
		info, err := task.WaitForResult(w.ctx, nil)
		if err != nil {
			return fmt.Errorf("host %q: %v", h.Name, err)
		}
		hs := simulator.Map.Get(info.Result.(types.ManagedObjectReference)).(*simulator.HostSystem)

		// The ESX template shares the product pointers between hosts: replace, never mutate.
		product := types.AboutInfo{
			Name:                  "VMware ESXi",
			FullName:              fmt.Sprintf("VMware ESXi %s build-%s", h.Version, h.Build),
			Vendor:                "VMware, Inc.",
			Version:               h.Version,
			Build:                 h.Build,
			LocaleVersion:         "INTL",
			LocaleBuild:           "000",
			OsType:                "vmnix-x86",
			ProductLineId:         "embeddedEsx",
			ApiType:               "HostAgent",
			ApiVersion:            majorMinor(h.Version),
			LicenseProductName:    "VMware ESX Server",
			LicenseProductVersion: strings.SplitN(h.Version, ".", 2)[0] + ".0",
		}
		summaryConfig := hs.Summary.Config
		summaryConfig.Name = h.Name
		summaryProduct := product
		summaryConfig.Product = &summaryProduct
		hs.Summary.Config = summaryConfig
		hs.Config.Product = product

		hs.Runtime.ConnectionState = types.HostSystemConnectionState(h.ConnectionState)
		hs.Runtime.InMaintenanceMode = h.MaintenanceMode
		w.hosts[h.Name] = hs
	}
	return nil
}

func (w *world) buildSwitches() error {
	for _, s := range w.inv.DistributedSwitches {
		folders := w.dcs[s.Datacenter].folders
		product := types.DistributedVirtualSwitchProductSpec{
			Name: "DVS", Vendor: "VMware, Inc.", Version: s.Version, ForwardingClass: "etherswitch",
		}
		spec := types.DVSCreateSpec{
			ConfigSpec: &types.VMwareDVSConfigSpec{
				DVSConfigSpec: types.DVSConfigSpec{
					Name:             s.Name,
					UplinkPortPolicy: &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: s.Uplinks},
				},
			},
			ProductInfo: &product,
		}
		task, err := folders.NetworkFolder.CreateDVS(w.ctx, spec)
		if err != nil {
			return fmt.Errorf("distributed switch %q: %v", s.Name, err)
		}
		info, err := task.WaitForResult(w.ctx, nil)
		if err != nil {
			return fmt.Errorf("distributed switch %q: %v", s.Name, err)
		}
		ref := info.Result.(types.ManagedObjectReference)
		b := &builtSwitch{
			inv:       s,
			obj:       simulator.Map.Get(ref).(*simulator.DistributedVirtualSwitch),
			pgs:       map[string]*simulator.DistributedVirtualPortgroup{},
			product:   product,
			hostPorts: map[string]map[string]string{},
			lagKeys:   map[string]string{},
			pgPorts:   map[string][]string{},
		}
		// CreateDVS_Task made the uplink portgroup; it takes the inventory's uplink portgroup.
		b.uplinkPG = simulator.Map.Get(b.obj.Portgroup[0]).(*simulator.DistributedVirtualPortgroup)
		if s.UUID != "" {
			b.obj.Uuid = s.UUID
			b.obj.Summary.Uuid = s.UUID
			b.obj.Config.GetDVSConfigInfo().Uuid = s.UUID
		}

		var specs []types.DVPortgroupConfigSpec
		for _, pg := range s.Portgroups {
			if pg.UplinkPortgroup {
				continue
			}
			specs = append(specs, types.DVPortgroupConfigSpec{
				Name:              pg.Name,
				Type:              string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
				DefaultPortConfig: portSetting(pg),
				AutoExpand:        types.NewBool(true),
			})
		}
		dvs := object.NewDistributedVirtualSwitch(w.client, ref)
		if len(specs) > 0 {
			task, err = dvs.AddPortgroup(w.ctx, specs)
			if err == nil {
				err = task.Wait(w.ctx)
			}
			if err != nil {
				return fmt.Errorf("distributed switch %q portgroups: %v", s.Name, err)
			}
		}
		for _, pgRef := range b.obj.Portgroup {
			pg := simulator.Map.Get(pgRef).(*simulator.DistributedVirtualPortgroup)
			b.pgs[pg.Name] = pg
		}

		if len(s.Members) > 0 {
			var members []types.DistributedVirtualSwitchHostMemberConfigSpec
			for _, mb := range s.Members {
				members = append(members, types.DistributedVirtualSwitchHostMemberConfigSpec{
					Operation: string(types.ConfigSpecOperationAdd),
					Host:      w.hosts[mb.Host].Self,
				})
			}
			task, err = dvs.Reconfigure(w.ctx, &types.VMwareDVSConfigSpec{
				DVSConfigSpec: types.DVSConfigSpec{Host: members},
			})
			if err == nil {
				err = task.Wait(w.ctx)
			}
			if err != nil {
				return fmt.Errorf("distributed switch %q members: %v", s.Name, err)
			}
		}
		// One DV uplink port per uplink name (plain and LAG) on every member host, as vCenter does.
		for _, mb := range s.Members {
			ports := map[string]string{}
			for _, name := range s.uplinkNames() {
				ports[name] = b.newPort()
			}
			b.hostPorts[mb.Host] = ports
		}
		if s.Lacp != nil {
			for i, l := range s.Lacp.Lags {
				b.lagKeys[l.Name] = strconv.Itoa(1000 + i)
			}
		}
		w.switches = append(w.switches, b)
	}
	return nil
}

// portSetting is a portgroup's defaultPortConfig as vCenter reports it.
// defaultMtu is a new distributed switch's maxMtu on vCenter.
const defaultMtu = 1500

func portSetting(pg portgroup) *types.VMwareDVSPortSetting {
	setting := &types.VMwareDVSPortSetting{}
	if pg.Vlan == nil {
		// No single VLAN id: a trunk, as vCenter gives uplink portgroups. A VlanIdSpec of 0
		// means "no VLAN" (vim25 VmwareDistributedVirtualSwitchVlanIdSpec), which is not that.
		setting.Vlan = &types.VmwareDistributedVirtualSwitchTrunkVlanSpec{
			VlanId: []types.NumericRange{{Start: 0, End: 4094}},
		}
	} else {
		setting.Vlan = &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: *pg.Vlan}
	}
	// uplinkTeamingPolicy is optional in VMwareDVSPortSetting (and ignored for uplink ports):
	// a fixture without teaming is served without one rather than with an invented default.
	if pg.Teaming != nil {
		policy := pg.Teaming.Policy
		if policy == "" {
			policy = "loadbalance_srcid"
		}
		setting.UplinkTeamingPolicy = &types.VmwareUplinkPortTeamingPolicy{
			Policy:         &types.StringPolicy{Value: policy},
			ReversePolicy:  &types.BoolPolicy{Value: types.NewBool(true)},
			NotifySwitches: &types.BoolPolicy{Value: types.NewBool(true)},
			RollingOrder:   &types.BoolPolicy{Value: types.NewBool(false)},
			UplinkPortOrder: &types.VMwareUplinkPortOrderPolicy{
				ActiveUplinkPort:  pg.Teaming.Active,
				StandbyUplinkPort: pg.Teaming.Standby,
			},
		}
	}
	if pg.Lacp != nil {
		setting.LacpPolicy = &types.VMwareUplinkLacpPolicy{
			Enable: &types.BoolPolicy{Value: types.NewBool(pg.Lacp.Enabled)},
			Mode:   &types.StringPolicy{Value: pg.Lacp.Mode},
		}
	}
	return setting
}

func (w *world) switchByName(name string) *builtSwitch {
	for _, s := range w.switches {
		if s.inv.Name == name {
			return s
		}
	}
	return nil
}

func pnicBacking(b *builtSwitch, mb member) *types.DistributedVirtualSwitchHostMemberPnicBacking {
	backing := &types.DistributedVirtualSwitchHostMemberPnicBacking{}
	for _, p := range mb.Pnics {
		backing.PnicSpec = append(backing.PnicSpec, types.DistributedVirtualSwitchHostMemberPnicSpec{
			PnicDevice:         p.Device,
			UplinkPortKey:      b.hostPorts[mb.Host][p.Uplink],
			UplinkPortgroupKey: b.uplinkPG.Key,
		})
	}
	return backing
}

func (w *world) hostNetworks() error {
	for hi, h := range w.inv.Hosts {
		hs := w.hosts[h.Name]
		network := &types.HostNetworkInfo{}
		// Keep the template's DNS and routing data; everything switch-related comes from the fixture.
		if tmpl := hs.Config.Network; tmpl != nil {
			network.DnsConfig = tmpl.DnsConfig
			network.IpRouteConfig = tmpl.IpRouteConfig
			network.RouteTableInfo = tmpl.RouteTableInfo
			network.NetStackInstance = tmpl.NetStackInstance
			network.IpV6Enabled = tmpl.IpV6Enabled
			network.AtBootIpV6Enabled = tmpl.AtBootIpV6Enabled
		}
		for pi, dev := range h.Pnics {
			network.Pnic = append(network.Pnic, types.PhysicalNic{
				Key:       pnicKeyPrefix + dev,
				Device:    dev,
				Pci:       fmt.Sprintf("0000:%02x:00.%d", 3+pi/2, pi%2),
				Driver:    "ixgbe",
				LinkSpeed: &types.PhysicalNicLinkInfo{SpeedMb: 10000, Duplex: true},
				Spec: types.PhysicalNicSpec{
					Ip:        &types.HostIpConfig{},
					LinkSpeed: &types.PhysicalNicLinkInfo{SpeedMb: 10000, Duplex: true},
				},
				Mac: mac(0x10, hi, pi),
			})
		}
		for _, vs := range h.StandardSwitches {
			key := vswitchKeyPrefix + vs.Name
			var pnicKeys, pgKeys []string
			for _, p := range vs.Pnics {
				pnicKeys = append(pnicKeys, pnicKeyPrefix+p)
			}
			teaming := &types.HostNicTeamingPolicy{
				Policy:         "loadbalance_srcid",
				ReversePolicy:  types.NewBool(true),
				NotifySwitches: types.NewBool(true),
				RollingOrder:   types.NewBool(false),
				NicOrder:       &types.HostNicOrderPolicy{ActiveNic: vs.Pnics},
			}
			for _, pg := range vs.Portgroups {
				pgKeys = append(pgKeys, vssPGKeyPrefix+pg)
				network.Portgroup = append(network.Portgroup, types.HostPortGroup{
					Key:            vssPGKeyPrefix + pg,
					Vswitch:        key,
					ComputedPolicy: types.HostNetworkPolicy{NicTeaming: teaming},
					Spec: types.HostPortGroupSpec{
						Name:        pg,
						VswitchName: vs.Name,
						Policy:      types.HostNetworkPolicy{},
					},
				})
			}
			var bridge types.BaseHostVirtualSwitchBridge
			if len(vs.Pnics) > 0 {
				bridge = &types.HostVirtualSwitchBondBridge{NicDevice: vs.Pnics}
			}
			network.Vswitch = append(network.Vswitch, types.HostVirtualSwitch{
				Name:              vs.Name,
				Key:               key,
				NumPorts:          1536,
				NumPortsAvailable: 1530,
				Mtu:               1500,
				Portgroup:         pgKeys,
				Pnic:              pnicKeys,
				Spec: types.HostVirtualSwitchSpec{
					NumPorts: 128,
					Bridge:   bridge,
					Policy:   &types.HostNetworkPolicy{NicTeaming: teaming},
					Mtu:      1500,
				},
			})
		}
		for _, b := range w.switches {
			mb := b.inv.member(h.Name)
			if mb == nil {
				continue
			}
			ports := b.hostPorts[h.Name]
			proxy := types.HostProxySwitch{
				DvsUuid:           b.obj.Uuid,
				DvsName:           b.inv.Name,
				Key:               b.obj.Uuid,
				NumPorts:          proxySwitchPorts,
				ConfigNumPorts:    proxySwitchPorts,
				NumPortsAvailable: proxySwitchPorts - int32(len(ports)),
				Mtu:               1500,
				Spec:              types.HostProxySwitchSpec{Backing: pnicBacking(b, *mb)},
			}
			for _, name := range b.inv.uplinkNames() {
				proxy.UplinkPort = append(proxy.UplinkPort, types.KeyValue{Key: ports[name], Value: name})
			}
			for _, p := range mb.Pnics {
				proxy.Pnic = append(proxy.Pnic, pnicKeyPrefix+p.Device)
			}
			if b.inv.Lacp != nil {
				for _, l := range b.inv.Lacp.Lags {
					hostLag := types.HostProxySwitchHostLagConfig{LagKey: b.lagKeys[l.Name], LagName: l.Name}
					for _, port := range l.ports() {
						hostLag.UplinkPort = append(hostLag.UplinkPort, types.KeyValue{Key: ports[port], Value: port})
					}
					proxy.HostLag = append(proxy.HostLag, hostLag)
				}
			}
			network.ProxySwitch = append(network.ProxySwitch, proxy)
		}
		for vi, v := range h.Vmkernels {
			vnic := types.HostVirtualNic{
				Device: v.Device,
				Key:    vnicKeyPrefix + v.Device,
				Spec: types.HostVirtualNicSpec{
					Ip: &types.HostIpConfig{
						IpAddress:  fmt.Sprintf("10.%d.%d.%d", 1+vi, hi/250, 1+hi%250),
						SubnetMask: "255.255.0.0",
					},
					Mac:                 mac(0x20, hi, vi),
					Mtu:                 1500,
					TsoEnabled:          types.NewBool(true),
					NetStackInstanceKey: "defaultTcpipStack",
				},
			}
			if h.standardSwitch(v.Switch) != nil {
				vnic.Portgroup = v.Portgroup
				vnic.Spec.Portgroup = v.Portgroup
				vnic.Port = fmt.Sprintf("key-vim.host.PortGroup.Port-%d", 33554436+vi)
			} else {
				b := w.switchByName(v.Switch)
				pg := b.pgs[v.Portgroup]
				port := b.newPort()
				b.pgPorts[pg.Key] = append(b.pgPorts[pg.Key], port)
				vnic.Spec.DistributedVirtualPort = &types.DistributedVirtualSwitchPortConnection{
					SwitchUuid:   b.obj.Uuid,
					PortgroupKey: pg.Key,
					PortKey:      port,
				}
			}
			network.Vnic = append(network.Vnic, vnic)
		}
		hs.Config.Network = network
		hs.Config.VirtualNicManagerInfo = nicManagerInfo(h, network.Vnic)
		hs.Config.Vmotion = vmotionInfo(h, network.Vnic)
		if ns, ok := simulator.Map.Get(*hs.ConfigManager.NetworkSystem).(*simulator.HostNetworkSystem); ok {
			ns.NetworkInfo = network
		}
	}
	return nil
}

// mac is a deterministic VMware-OUI address for NIC n of host h.
func mac(kind, h, n int) string {
	return fmt.Sprintf("00:50:56:%02x:%02x:%02x", kind+n, (h>>8)&0xff, h&0xff)
}

// nicManagerInfo lists, per nicType, every vmknic as a candidate and the ones carrying the
// service as selected, with keys "<nicType>.key-vim.host.VirtualNic-vmkN" like ESXi.
func nicManagerInfo(h host, vnics []types.HostVirtualNic) *types.HostVirtualNicManagerInfo {
	info := &types.HostVirtualNicManagerInfo{}
	for _, nicType := range nicTypes {
		cfg := types.VirtualNicManagerNetConfig{NicType: nicType, MultiSelectAllowed: true}
		for i, vnic := range vnics {
			candidate := vnic
			candidate.Key = nicType + "." + vnic.Key
			cfg.CandidateVnic = append(cfg.CandidateVnic, candidate)
			for _, service := range h.Vmkernels[i].Services {
				if serviceNicTypes[service] == nicType {
					cfg.SelectedVnic = append(cfg.SelectedVnic, candidate.Key)
				}
			}
		}
		info.NetConfig = append(info.NetConfig, cfg)
	}
	return info
}

// vmotionInfo fills the older config.vmotion property consistently with the nic manager.
func vmotionInfo(h host, vnics []types.HostVirtualNic) *types.HostVMotionInfo {
	netConfig := &types.HostVMotionNetConfig{}
	for i, vnic := range vnics {
		candidate := vnic
		candidate.Key = "VMotionConfig.vmotion." + vnic.Key
		netConfig.CandidateVnic = append(netConfig.CandidateVnic, candidate)
		if netConfig.SelectedVnic == "" && contains(h.Vmkernels[i].Services, "vmotion") {
			netConfig.SelectedVnic = candidate.Key
		}
	}
	return &types.HostVMotionInfo{NetConfig: netConfig}
}

// machines creates the powered-on VMs of each host directly in the registry (much cheaper
// than CreateVM_Task): named by the host's vms when the fixture lists them, else vmCount
// generated names. The appliance VM is one of the VMs of vcenter.host.
func (w *world) machines() error {
	var vcsaHost, vcsaName string
	if vc := w.inv.VCenter; vc != nil {
		vcsaHost, vcsaName = vc.Host, vc.VMName
	}
	for _, h := range w.inv.Hosts {
		hs := w.hosts[h.Name]
		vmFolder := simulator.Map.Get(w.dcs[h.Datacenter].folders.VmFolder.Reference()).(*simulator.Folder)
		pool := w.resourcePool(hs)
		names := h.VMs
		if len(names) == 0 {
			count := h.VMCount
			if h.Name == vcsaHost && count == 0 {
				count = 1
			}
			for i := 0; i < count; i++ {
				name := fmt.Sprintf("%s-vm%03d", h.Name, i+1)
				if h.Name == vcsaHost && i == 0 {
					name = vcsaName
				}
				names = append(names, name)
			}
		}
		for i, name := range names {
			vm := &simulator.VirtualMachine{}
			vm.Name = name
			simulator.Map.PutEntity(vmFolder, simulator.Map.NewEntity(vm))
			vmFolder.ChildEntity = append(vmFolder.ChildEntity, vm.Self)
			vm.ResourcePool = &pool.Self
			vm.Runtime = types.VirtualMachineRuntimeInfo{
				Host:            &hs.Self,
				ConnectionState: types.VirtualMachineConnectionStateConnected,
				PowerState:      types.VirtualMachinePowerStatePoweredOn,
			}
			uuid := fmt.Sprintf("4230%04x-%04x-%04x-%04x-%012x", i, len(w.hosts), 0, 0, len(hs.Vm))
			vm.Config = &types.VirtualMachineConfigInfo{
				Name: name, GuestId: "otherGuest64", GuestFullName: "Other (64-bit)",
				Uuid: uuid, InstanceUuid: uuid, Version: "vmx-11",
			}
			vm.Summary.Vm = &vm.Self
			vm.Summary.Runtime = vm.Runtime
			vm.Summary.Config = types.VirtualMachineConfigSummary{
				Name: name, GuestId: "otherGuest64", GuestFullName: "Other (64-bit)",
				Uuid: uuid, InstanceUuid: uuid, NumCpu: 2, MemorySizeMB: 4096,
			}
			vm.Summary.OverallStatus = types.ManagedEntityStatusGreen
			if name == vcsaName && h.Name == vcsaHost {
				vm.Summary.Config.Product = &types.VAppProductInfo{
					Name: "VMware vCenter Server Appliance", Vendor: "VMware Inc.",
				}
				w.vcsaVM = vm
			}
			hs.Vm = append(hs.Vm, vm.Self)
			pool.Vm = append(pool.Vm, vm.Self)
		}
	}
	return nil
}

// placeVCenter records where the appliance answers, once the listen address is known.
func (w *world) placeVCenter(ip string) {
	if w.vcsaVM == nil {
		return
	}
	w.vcsaVM.Guest = &types.GuestInfo{
		GuestState: "running", ToolsRunningStatus: "guestToolsRunning",
		HostName: ip, IpAddress: ip, GuestFullName: "Other (64-bit)",
	}
	w.vcsaVM.Summary.Guest = &types.VirtualMachineGuestSummary{HostName: ip, IpAddress: ip}
}

func (w *world) resourcePool(hs *simulator.HostSystem) *simulator.ResourcePool {
	var ref *types.ManagedObjectReference
	switch parent := simulator.Map.Get(*hs.Parent).(type) {
	case *simulator.ClusterComputeResource:
		ref = parent.ResourcePool
	case *mo.ComputeResource:
		ref = parent.ResourcePool
	}
	return simulator.Map.Get(*ref).(*simulator.ResourcePool)
}

func (w *world) switchConfigs() error {
	for _, b := range w.switches {
		s := b.inv
		cfg := b.obj.Config.(*types.VMwareDVSConfigInfo)
		cfg.ProductInfo = b.product
		// maxMtu is mandatory in VMwareDVSConfigInfo: a fixture without one gets vCenter's default.
		cfg.MaxMtu = defaultMtu
		if s.Mtu != nil {
			cfg.MaxMtu = *s.Mtu
		}
		cfg.UplinkPortPolicy = &types.DVSNameArrayUplinkPortPolicy{UplinkPortName: s.Uplinks}
		cfg.UplinkPortgroup = []types.ManagedObjectReference{b.uplinkPG.Self}
		var noVlan int32
		cfg.DefaultPortConfig = portSetting(portgroup{
			Vlan:    &noVlan,
			Teaming: &teaming{Policy: "loadbalance_srcid", Active: s.Uplinks},
			Lacp:    &pgLacp{Enabled: false, Mode: "passive"},
		})
		b.obj.Summary.ProductInfo = &b.product

		var allUplinkPorts []string
		cfg.Host = nil
		for _, mb := range s.Members {
			hs := w.hosts[mb.Host]
			var keys []string
			for _, name := range s.uplinkNames() {
				keys = append(keys, b.hostPorts[mb.Host][name])
			}
			allUplinkPorts = append(allUplinkPorts, keys...)
			status := "up"
			if hs.Runtime.ConnectionState != types.HostSystemConnectionStateConnected {
				status = "disconnected"
			}
			product := b.product
			cfg.Host = append(cfg.Host, types.DistributedVirtualSwitchHostMember{
				Config: types.DistributedVirtualSwitchHostMemberConfigInfo{
					Host:                &hs.Self,
					MaxProxySwitchPorts: proxySwitchPorts,
					Backing:             pnicBacking(b, mb),
					NsxSwitch:           types.NewBool(false),
				},
				ProductInfo:   &product,
				UplinkPortKey: keys,
				Status:        status,
			})
		}
		cfg.LacpGroupConfig = nil
		cfg.LacpApiVersion = ""
		if s.Lacp != nil {
			cfg.LacpApiVersion = s.Lacp.APIVersion
			for _, l := range s.Lacp.Lags {
				group := types.VMwareDvsLacpGroupConfig{
					Key:                  b.lagKeys[l.Name],
					Name:                 l.Name,
					Mode:                 l.Mode,
					UplinkNum:            int32(l.UplinkCount),
					LoadbalanceAlgorithm: l.LoadBalancing,
					UplinkName:           l.ports(),
				}
				for _, mb := range s.Members {
					for _, port := range l.ports() {
						group.UplinkPortKey = append(group.UplinkPortKey, b.hostPorts[mb.Host][port])
					}
				}
				cfg.LacpGroupConfig = append(cfg.LacpGroupConfig, group)
			}
		}

		// Uplink portgroup: the inventory's name and settings, vCenter's marker and ports.
		upg := b.uplinkPG
		for i, pg := range s.Portgroups {
			if !pg.UplinkPortgroup {
				continue
			}
			for j, n := range b.obj.Summary.PortgroupName {
				if n == upg.Name {
					b.obj.Summary.PortgroupName[j] = pg.Name
				}
			}
			delete(b.pgs, upg.Name)
			upg.Name = pg.Name
			upg.Config.Name = pg.Name
			upg.Config.DefaultPortConfig = portSetting(s.Portgroups[i])
			b.pgs[pg.Name] = upg
		}
		upg.Config.Uplink = types.NewBool(true)
		upg.Tag = []types.Tag{{Key: uplinkPGTag}}
		upg.PortKeys = allUplinkPorts
		upg.Config.NumPorts = int32(len(allUplinkPorts))
		upg.Config.Type = string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding)
		for name, pg := range b.pgs {
			if pg == upg {
				continue
			}
			pg.Config.Uplink = types.NewBool(false)
			pg.PortKeys = b.pgPorts[pg.Key]
			pg.Config.NumPorts = int32(len(pg.PortKeys))
			_ = name
		}
		cfg.NumPorts = int32(b.nextPort)
		b.obj.Summary.NumPorts = cfg.NumPorts
	}
	return nil
}

// vmwareDVS carries a switch under the managed-object type vCenter reports,
// VmwareDistributedVirtualSwitch. It has no methods: the harness is a read-only vCenter, and
// write calls answer MethodNotFound instead of silently corrupting the fixture.
type vmwareDVS struct {
	mo.VmwareDistributedVirtualSwitch
}

func (w *world) vmwareSwitchType() error {
	for _, b := range w.switches {
		old := b.obj.Self
		folder := simulator.Map.Get(*b.obj.Parent).(*simulator.Folder)
		sw := &vmwareDVS{}
		sw.DistributedVirtualSwitch = b.obj.DistributedVirtualSwitch
		sw.Self = types.ManagedObjectReference{Type: "VmwareDistributedVirtualSwitch", Value: old.Value}
		simulator.Map.Remove(old)
		simulator.Map.Put(sw)
		for i, child := range folder.ChildEntity {
			if child == old {
				folder.ChildEntity[i] = sw.Self
			}
		}
		for _, pgRef := range sw.Portgroup {
			pg := simulator.Map.Get(pgRef).(*simulator.DistributedVirtualPortgroup)
			self := sw.Self
			pg.Config.DistributedVirtualSwitch = &self
		}
	}
	return nil
}
